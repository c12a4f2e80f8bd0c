/**
 * The fields of a plain test program: a central finance program open 1 March – 30 April 2025 with
 * no eligibility limits. Tests spread it and override what they are about.
 */
export const PLAIN_PROGRAM = {
  agency: '중소벤처기업부',
  level: 'central',
  category: 'finance',
  description: '',
  url: null,
  eligibleRegions: null,
  eligibleSizes: null,
  eligibleKsic: null,
  minAgeYears: null,
  maxAgeYears: null,
  maxAmount: null,
  announcedOn: '2025-03-01',
  opensOn: '2025-03-01',
  closesOn: '2025-04-30',
} as const;
