import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Browser libraries the workspace pages load, served by this server from the npm packages installed
 * beside it (nothing from a CDN, so the pages work offline). Each file is read once, on first request.
 */

const require = createRequire(import.meta.url);

interface VendorFile {
  /** Where pages link it; the package version in the name lets browsers keep it for good. */
  path: string;
  type: string;
  file: () => string;
}

function packageDir(name: string): string {
  // Resolve the package's entry, then walk to its folder: some packages do not export package.json.
  let dir = dirname(require.resolve(name));
  while (!dir.endsWith(`node_modules/${name}`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function version(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string })
    .version;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

export const VENDOR = {
  uplotJs: {
    path: `/static/vendor/uplot-${version('uplot')}.min.js`,
    type: JS,
    file: () => join(packageDir('uplot'), 'dist', 'uPlot.iife.min.js'),
  },
  uplotCss: {
    path: `/static/vendor/uplot-${version('uplot')}.min.css`,
    type: CSS,
    file: () => join(packageDir('uplot'), 'dist', 'uPlot.min.css'),
  },
  cytoscapeJs: {
    path: `/static/vendor/cytoscape-${version('cytoscape')}.min.js`,
    type: JS,
    file: () => join(packageDir('cytoscape'), 'dist', 'cytoscape.min.js'),
  },
} as const satisfies Record<string, VendorFile>;

const cache = new Map<string, Buffer>();

/** The bytes of a vendor file (read once). */
export function vendorBytes(entry: VendorFile): Buffer {
  let bytes = cache.get(entry.path);
  if (!bytes) {
    bytes = readFileSync(entry.file());
    cache.set(entry.path, bytes);
  }
  return bytes;
}
