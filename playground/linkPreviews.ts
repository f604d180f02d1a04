// Link previews in the playground. The page cannot fetch other sites (and must not: the real host
// does it server side, under SSRF rules), so a fake unfurler makes up what a page would say about
// any link, after a short "network" delay, with a picture drawn in the page.
import type { LinkPreview } from 'confab-chat/protocol';
import type { LinkUnfurler } from 'confab-chat/server';

const COLORS = ['#2f5fd0', '#17743a', '#8a3ffc', '#c2410c', '#0e7490'];

/** Words of a URL's path, as a page title would have them: `/blog/ship-it-daily` → "Ship it daily". */
function titleOf(url: URL): string {
  const words = decodeURIComponent(url.pathname).split(/[/\-_.]+/).filter((word) => word !== '' && !/^(html?|php)$/.test(word));
  const last = words.slice(-4).join(' ');
  return last === '' ? url.hostname : last.charAt(0).toUpperCase() + last.slice(1);
}

function picture(label: string, color: string): { url: string; width: number; height: number } {
  const safe = label.replace(/[<>&"']/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630"><rect width="1200" height="630" fill="${color}"/><text x="600" y="350" font-size="80" font-family="sans-serif" text-anchor="middle" fill="white">${safe}</text></svg>`;
  return { url: URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), width: 1200, height: 630 };
}

/**
 * The playground's unfurler: every http(s) link gets a made-up preview (site name from the host,
 * title from the path, a picture for most), except links whose path ends in `/nopreview`.
 *
 * @example
 * watchLinkPreviews({ server: world.server, unfurler: createPlaygroundUnfurler() });
 */
export function createPlaygroundUnfurler(delayMs = 600): LinkUnfurler {
  let count = 0;
  return {
    async unfurl(address): Promise<LinkPreview | null> {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const url = new URL(address);
      if (url.pathname.endsWith('/nopreview')) return null;
      const site = url.hostname.replace(/^www\./, '');
      const title = titleOf(url);
      const withPicture = count++ % 3 !== 2;
      return {
        url: address,
        title,
        description: `A page on ${site}, as the playground imagines it: the real host reads the page's Open Graph tags instead.`,
        siteName: site,
        ...(withPicture ? { image: picture(title.slice(0, 24), COLORS[count % COLORS.length] as string) } : {}),
      };
    },
  };
}
