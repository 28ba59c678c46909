import type { ScanResult } from './scan.mjs';
export function summary(result: ScanResult): string;
export function htmlReport(result: ScanResult): string;
