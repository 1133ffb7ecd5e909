// Small formatting helpers shared by the views.

export const pretty = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

export const clock = (iso: string): string => {
  const d = new Date(iso);
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

export const statusClass = (status: number): string => (status === 0 ? 'dropped' : `${Math.floor(status / 100)}xx`);

export const VENDOR_TITLES: Record<string, string> = { desk: 'DESK', luzmo: 'Luzmo', energycap: 'EnergyCAP' };

export const vendorTitle = (vendor: string | null): string => (vendor === null ? '—' : (VENDOR_TITLES[vendor] ?? vendor));

/** Triggers a download of a JSON document, for the state export. */
export function download(name: string, document: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}
