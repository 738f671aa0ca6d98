/**
 * A reader for brat standoff annotations (`.ann`), as PolNeAR distributes them: text-bound
 * annotations (`T1<TAB>Source 0 11<TAB>Pat Caddell`), whose offsets may be discontinuous
 * (`Content 315 448;463 553`), and events that tie them together
 * (`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`). Notes (`#`), attributes and relations
 * are skipped. Offsets are character offsets into the `.txt` beside it; PolNeAR's texts are
 * in the Basic Multilingual Plane, so they are also JavaScript string offsets (the reader
 * checks each fragment against the text when it is given one).
 */

export interface BratFragment {
  start: number;
  end: number;
}

export interface BratSpan {
  id: string;
  label: string;
  /** One fragment for a contiguous span, more for a discontinuous one, in file order. */
  fragments: BratFragment[];
  text: string;
}

export interface BratEvent {
  id: string;
  /** Role → span id, e.g. `{Attribution: 'T4', Content: 'T3', Cue: 'T2', Source: 'T1'}`. */
  args: Record<string, string>;
}

export interface BratDoc {
  spans: BratSpan[];
  events: BratEvent[];
  /** Lines that could not be read, with their line number (1-based); they are skipped. */
  problems: string[];
}

const fragmentPattern = /^(\d+) (\d+)$/;

export function readBrat(ann: string, text?: string): BratDoc {
  const spans: BratSpan[] = [];
  const events: BratEvent[] = [];
  const problems: string[] = [];
  const lines = ann.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    if (line === '') continue;
    const kind = line[0];
    const fields = line.split('\t');
    if (kind === 'T') {
      const head = fields[1] ?? '';
      const space = head.indexOf(' ');
      const label = space < 0 ? '' : head.slice(0, space);
      const fragments: BratFragment[] = [];
      let ok = label !== '';
      for (const part of space < 0 ? [] : head.slice(space + 1).split(';')) {
        const m = fragmentPattern.exec(part.trim());
        const start = m ? Number(m[1]) : Number.NaN;
        const end = m ? Number(m[2]) : Number.NaN;
        if (!m || end < start || (text !== undefined && end > text.length)) {
          ok = false;
          break;
        }
        fragments.push({ start, end });
      }
      if (!ok || fragments.length === 0) {
        problems.push(`line ${n + 1}: unreadable span "${line.slice(0, 80)}"`);
        continue;
      }
      spans.push({ id: fields[0] as string, label, fragments, text: fields[2] ?? '' });
    } else if (kind === 'E') {
      const args: Record<string, string> = {};
      for (const arg of (fields[1] ?? '').split(' ')) {
        const colon = arg.indexOf(':');
        if (colon > 0) args[arg.slice(0, colon)] = arg.slice(colon + 1);
      }
      events.push({ id: fields[0] as string, args });
    }
  }
  return { spans, events, problems };
}
