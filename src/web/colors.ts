/** Colours for finding kinds and accusation stances: the report's palette (src/report/palette.ts), so both show a kind alike. */
export { firstKind, kindColor, stanceColor } from '../report/palette.js';
