import type { CategoryCode } from '@cc1357/contracts';

/**
 * Sub-category suggestions per category, after the 기업마당 portal's program fields. Shown as
 * a datalist: the counselor may still type a sub-category that is not listed.
 */
export const SUB_CATEGORIES: Record<CategoryCode, readonly string[]> = {
  finance: ['정책자금 융자', '보증', '이차보전', '투자 유치'],
  tech: ['R&D 과제', '특허지원', '기술 인증', '시험·분석'],
  workforce: ['인력 채용', '교육 훈련', '고용 지원금'],
  export: ['수출 바우처', 'FTA 활용', '해외 전시회', '무역 보험'],
  domestic: ['판로 개척', '공공 구매', '전통시장'],
  startup: ['1인창조기업', '예비 창업', '창업·벤처 인증', '창업 공간'],
  management: ['경영 컨설팅', '세무·회계', '법률 자문'],
  other: ['민원', '기관 안내'],
};
