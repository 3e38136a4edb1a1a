/**
 * Figures derived from personal data (citizen requests) leave the platform only as counts of at least
 * this many; smaller cells are suppressed (null) so that no one applicant can be singled out.
 */
export const SMALL_COUNT_THRESHOLD = 5;
