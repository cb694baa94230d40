const MAX_SLUG_LENGTH = 80;

/**
 * A file-system-safe name for a scenario (at most 80 characters of [a-z0-9-]): lowercased, accents
 * dropped, every other run of characters collapsed to one '-', '-' trimmed from both ends; 'scenario'
 * when nothing is left. The CLI names each scenario's output directory with it, and the overview
 * links to `<slug>/report.html`.
 */
export function scenarioSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'scenario' : slug;
}

/**
 * The directory name of each scenario in a run over several: its slug, and for the n-th scenario
 * with an already used slug `<slug>-<n>` (the CLI writes there, and the overview links there).
 */
export function scenarioSlugs(names: readonly string[]): string[] {
  const used = new Map<string, number>();
  return names.map((name) => {
    const slug = scenarioSlug(name);
    const n = (used.get(slug) ?? 0) + 1;
    used.set(slug, n);
    return n === 1 ? slug : `${slug}-${n}`;
  });
}
