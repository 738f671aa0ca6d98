/** The links in every page's header, in order: a new page adds one line. */
export const NAV_LINKS: readonly { href: string; label: string }[] = [
  { href: '/now', label: 'Now' },
  { href: '/', label: 'Articles' },
  { href: '/events', label: 'Events' },
  // workspace pages go below
  { href: '/relations', label: 'Relations' },
  { href: '/network', label: 'Network' },
  { href: '/map', label: 'Map' },
  { href: '/search', label: 'Search' },
  { href: '/api/stats', label: 'API' },
];
