/** A theme colour from styles.css, for what draws on a canvas or in a terminal and cannot use var(). */
export function cssVar(name: `--${string}`, root: HTMLElement = document.documentElement): string {
  return getComputedStyle(root).getPropertyValue(name).trim();
}
