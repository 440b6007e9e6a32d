/** A member name made safe to show and to match on, or why it is refused. */
export type MemberPath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Checks an archive member's name. Nothing is ever written to disk, but a name is still shown,
 * stored and matched against bundle layouts, so one that climbs out of the archive (`../`),
 * is absolute or carries a NUL is refused rather than trusted.
 */
export function checkMemberPath(name: string): MemberPath {
  if (name.includes('\0')) return { ok: false, reason: 'its name contains a NUL byte' };
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return { ok: false, reason: 'its name is an absolute path' };
  const parts = slashed.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { ok: false, reason: "its name climbs out of the archive ('..')" };
  if (!parts.length) return { ok: false, reason: 'its name is empty' };
  return { ok: true, path: parts.join('/') };
}
