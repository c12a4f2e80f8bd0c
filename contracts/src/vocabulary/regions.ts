/** The 17 first-level divisions (시·도) a company's region is one of, official names as of 2024. */
export const KOREAN_REGIONS = [
  '서울특별시',
  '부산광역시',
  '대구광역시',
  '인천광역시',
  '광주광역시',
  '대전광역시',
  '울산광역시',
  '세종특별자치시',
  '경기도',
  '강원특별자치도',
  '충청북도',
  '충청남도',
  '전북특별자치도',
  '전라남도',
  '경상북도',
  '경상남도',
  '제주특별자치도',
] as const;
export type KoreanRegion = (typeof KOREAN_REGIONS)[number];

/** Company size classes as the CRM records them. */
export const SIZE_CLASSES = ['소상공인', '소기업', '중기업'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
