/** `MNT-<n>` references (SPEC §12): `MNT-7` and `mnt-7` name the same maintenance. */

const pattern = /^mnt-([1-9]\d{0,8})$/i;

export function maintenanceRef(maintenance: { number: number }): string {
  return `MNT-${maintenance.number}`;
}

/** The number in a maintenance reference, or null when the text is not one. */
export function parseMaintenanceRef(text: string): number | null {
  const match = pattern.exec(text.trim());
  return match?.[1] ? Number(match[1]) : null;
}
