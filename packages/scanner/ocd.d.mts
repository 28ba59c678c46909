import type { KnownCookie } from './scan.mjs';
export const OCD_FILE: URL;
export function loadOcd(file?: string | URL): { size: number; lookup(name: string): KnownCookie | null };
export function suggestCategory(ocdCategory: string): string;
