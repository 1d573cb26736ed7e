import { stringify } from 'csv-stringify/sync';

/**
 * CSV as spreadsheets read it safely: RFC 4180 quoting (csv-stringify) and every text cell
 * that starts with =, +, -, @, tab or carriage return (or their full-width forms) prefixed
 * with an apostrophe, so Excel, LibreOffice and Sheets show it as text instead of running it
 * as a formula (OWASP "CSV injection"). Numbers stay numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

export function csvRows(rows: CsvCell[][]): string {
  return stringify(rows, { escape_formulas: true, record_delimiter: 'unix', cast: { boolean: (b) => (b ? 'true' : 'false') } });
}
