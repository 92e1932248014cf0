// Rule R6 where personal data leaves the register: phones are masked unless office staff ask
// for them in full (the command line's --unmasked); visitors' and constituents' names go in
// full only to office staff (the README: only the recording deputy and office staff see them),
// a unit's leader exporting the books sees the surname.

export interface Privacy {
  /** 'full' only on the office's command line with --unmasked. */
  phones: 'masked' | 'full';
  /** Visitors' and constituents' names and addresses: 'full' for office staff. */
  people: 'full' | 'masked';
}

export const OFFICE_PRIVACY: Privacy = { phones: 'masked', people: 'full' };
export const LEADER_PRIVACY: Privacy = { phones: 'masked', people: 'masked' };

/** 139****5678 (a short number keeps its first three and last four, or becomes ****). */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 王** : the surname and one * per other character. */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function phoneFor(phone: string | null | undefined, privacy: Privacy): string {
  return privacy.phones === 'full' ? (phone ?? '') : maskPhone(phone);
}

export function personFor(name: string | null | undefined, privacy: Privacy): string {
  return privacy.people === 'full' ? (name ?? '') : maskName(name);
}

/** An address is shown only with names in full. */
export function addressFor(address: string | null | undefined, privacy: Privacy): string {
  return privacy.people === 'full' ? (address ?? '') : '';
}
