/**
 * Light or dark, following the page: the first opaque background behind the widget decides;
 * a transparent page follows the reader's system setting.
 */
export function pageTheme(host: Element): 'light' | 'dark' {
  for (let element: Element | null = host; element; element = element.parentElement) {
    const rgb = opaqueRgb(getComputedStyle(element).backgroundColor);
    if (rgb) return luminance(rgb) < 0.4 ? 'dark' : 'light';
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function followPageTheme(host: Element, root: HTMLElement): void {
  const apply = () => root.setAttribute('data-theme', pageTheme(host));
  apply();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
  // Sites with a dark-mode switch flip a class or attribute on <html> or <body>.
  const observer = new MutationObserver(apply);
  for (const element of [document.documentElement, document.body]) {
    if (element) observer.observe(element, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  }
}

function opaqueRgb(color: string): [number, number, number] | null {
  const match = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(color);
  if (!match) return null;
  if (match[4] !== undefined && Number(match[4]) < 0.5) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function luminance([r, g, b]: [number, number, number]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
