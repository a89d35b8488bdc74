// REST API versions the org answers (others get 404 NOT_FOUND), with their release names for GET /services/data/.

export const MIN_VERSION = 50;
export const MAX_VERSION = 67;

const SEASONS = ['Winter', 'Spring', 'Summer'];

/** [{label, url, version}] as GET /services/data/ lists them, oldest first. */
export function versionList(): Array<{ label: string; url: string; version: string }> {
  const out = [];
  for (let v = MIN_VERSION; v <= MAX_VERSION; v++) {
    // v50.0 = Winter '21; three releases a year.
    const index = v - 50;
    const season = SEASONS[index % 3] as string;
    const year = 21 + Math.floor(index / 3);
    out.push({ label: `${season} '${year}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}
