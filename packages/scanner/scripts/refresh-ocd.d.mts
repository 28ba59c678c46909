export function validate(csv: string): { rows: number; wildcard: number };
