import type { CategoryCode, KoreanRegion, SizeClass } from '@cc1357/contracts';

/**
 * A realistic support-program catalogue (central agencies and 시·도), with application windows
 * placed around `today` so the calendar, "open now" and "opening soon" always have content.
 * Pure data: seed.ts and the scale seeder upsert it on `code`.
 */
export interface SeedProgram {
  code: string;
  name: string;
  agency: string;
  level: 'central' | 'local';
  category: CategoryCode;
  description: string;
  url: string | null;
  eligibleRegions: KoreanRegion[] | null;
  eligibleSizes: SizeClass[] | null;
  eligibleKsic: string[] | null;
  minAgeYears: number | null;
  maxAgeYears: number | null;
  maxAmount: number | null;
  announcedOn: string | null;
  opensOn: string;
  closesOn: string;
}

type Row = [
  code: string,
  name: string,
  agency: string,
  category: CategoryCode,
  opensInDays: number,
  lengthDays: number,
  extra?: Partial<
    Pick<
      SeedProgram,
      'eligibleRegions' | 'eligibleSizes' | 'eligibleKsic' | 'minAgeYears' | 'maxAgeYears' | 'maxAmount' | 'description'
    >
  >,
];

const SMALL: SizeClass[] = ['소상공인', '소기업'];
const ALL_SME: SizeClass[] = ['소상공인', '소기업', '중기업'];

const CENTRAL: Row[] = [
  [
    'SBC-FUND-01',
    '정책자금 융자(혁신성장지원자금)',
    '중소벤처기업진흥공단',
    'finance',
    -20,
    45,
    { eligibleSizes: ['소기업', '중기업'], minAgeYears: 7, maxAmount: 6_000_000_000 },
  ],
  [
    'SBC-FUND-02',
    '창업기반지원자금',
    '중소벤처기업진흥공단',
    'finance',
    -10,
    60,
    { maxAgeYears: 7, maxAmount: 6_000_000_000 },
  ],
  ['SBC-FUND-03', '긴급경영안정자금', '중소벤처기업진흥공단', 'finance', 5, 30, { maxAmount: 1_000_000_000 }],
  [
    'SBC-FUND-04',
    '신시장진출지원자금(수출)',
    '중소벤처기업진흥공단',
    'export',
    12,
    40,
    { eligibleKsic: ['C', 'J'], maxAmount: 3_000_000_000 },
  ],
  [
    'SEMAS-01',
    '소상공인 정책자금(일반경영안정자금)',
    '소상공인시장진흥공단',
    'finance',
    -5,
    60,
    { eligibleSizes: ['소상공인'], maxAmount: 70_000_000 },
  ],
  [
    'SEMAS-02',
    '소상공인 스마트상점 기술보급',
    '소상공인시장진흥공단',
    'domestic',
    20,
    30,
    { eligibleSizes: ['소상공인'], eligibleKsic: ['G47', 'I56', 'S96'], maxAmount: 5_000_000 },
  ],
  [
    'SEMAS-03',
    '희망리턴패키지(재창업)',
    '소상공인시장진흥공단',
    'startup',
    35,
    30,
    { eligibleSizes: ['소상공인'], maxAmount: 20_000_000 },
  ],
  [
    'SEMAS-04',
    '온누리상품권 가맹점 지원',
    '소상공인시장진흥공단',
    'domestic',
    -60,
    365,
    { eligibleSizes: ['소상공인'], eligibleKsic: ['G47', 'I56'] },
  ],
  [
    'KISED-01',
    '예비창업패키지',
    '창업진흥원',
    'startup',
    25,
    21,
    { maxAgeYears: 0, maxAmount: 100_000_000, description: '사업자 등록 전 예비창업자 대상' },
  ],
  ['KISED-02', '초기창업패키지', '창업진흥원', 'startup', -7, 28, { maxAgeYears: 3, maxAmount: 100_000_000 }],
  [
    'KISED-03',
    '창업도약패키지',
    '창업진흥원',
    'startup',
    40,
    28,
    { minAgeYears: 3, maxAgeYears: 7, maxAmount: 300_000_000 },
  ],
  [
    'KISED-04',
    '창업성공패키지(청년창업사관학교)',
    '중소벤처기업진흥공단',
    'startup',
    14,
    30,
    { maxAgeYears: 3, maxAmount: 100_000_000 },
  ],
  ['KISED-05', '1인 창조기업 활성화 지원', '창업진흥원', 'startup', 60, 30, { eligibleSizes: ['소상공인'] }],
  [
    'TIPA-01',
    '중소기업 기술개발사업(디딤돌)',
    '중소기업기술정보진흥원',
    'tech',
    10,
    30,
    { eligibleKsic: ['C', 'J', 'M'], maxAmount: 200_000_000 },
  ],
  [
    'TIPA-02',
    '창업성장기술개발(전략형)',
    '중소기업기술정보진흥원',
    'tech',
    -15,
    35,
    { maxAgeYears: 7, eligibleKsic: ['C', 'J', 'M'], maxAmount: 400_000_000 },
  ],
  [
    'TIPA-03',
    '스마트공장 구축 지원(기초)',
    '중소기업기술정보진흥원',
    'tech',
    3,
    50,
    { eligibleKsic: ['C'], maxAmount: 100_000_000 },
  ],
  [
    'KEIT-01',
    '산업기술혁신사업(소재부품)',
    '한국산업기술평가관리원',
    'tech',
    50,
    30,
    {
      eligibleSizes: ['소기업', '중기업'],
      eligibleKsic: ['C20', 'C25', 'C26', 'C29', 'C30'],
      maxAmount: 1_000_000_000,
    },
  ],
  ['KIPO-01', '중소기업 IP 바로지원', '한국지식재산보호원', 'tech', -30, 90, { maxAmount: 10_000_000 }],
  ['KOTRA-01', '수출바우처(중소기업 수출지원기반활용)', '중소벤처기업부', 'export', 7, 21, { maxAmount: 100_000_000 }],
  [
    'KOTRA-02',
    '해외전시회 단체관 참가 지원',
    'KOTRA',
    'export',
    28,
    30,
    { eligibleKsic: ['C', 'G46'], maxAmount: 20_000_000 },
  ],
  [
    'KOTRA-03',
    '글로벌 강소기업 1000+',
    '중소벤처기업부',
    'export',
    70,
    30,
    { eligibleSizes: ['소기업', '중기업'], minAgeYears: 3 },
  ],
  ['FTA-01', 'FTA 원산지 컨설팅', '산업통상자원부', 'export', -40, 120, { eligibleKsic: ['C', 'G46'] }],
  ['MOEL-01', '청년일자리도약장려금', '고용노동부', 'workforce', -25, 120, { maxAmount: 12_000_000 }],
  [
    'MOEL-02',
    '중소기업 계약학과 재직자 교육',
    '고용노동부',
    'workforce',
    45,
    30,
    { eligibleSizes: ['소기업', '중기업'] },
  ],
  [
    'MSS-01',
    '경영혁신 컨설팅 바우처',
    '중소벤처기업부',
    'management',
    18,
    30,
    { eligibleSizes: ALL_SME, maxAmount: 30_000_000 },
  ],
  ['MSS-02', '사업전환 지원', '중소벤처기업부', 'management', 84, 30, { minAgeYears: 3, maxAmount: 500_000_000 }],
  ['PPS-01', '혁신제품 공공구매 지정', '조달청', 'domestic', 9, 30, { eligibleKsic: ['C', 'J'] }],
  [
    'MSS-03',
    '판로개척 지원(홈쇼핑·온라인 입점)',
    '중소벤처기업부',
    'domestic',
    -3,
    40,
    { eligibleSizes: SMALL, maxAmount: 30_000_000 },
  ],
];

const LOCAL: Row[] = [
  [
    'SEOUL-01',
    '서울시 중소기업육성자금',
    '서울신용보증재단',
    'finance',
    -12,
    60,
    { eligibleRegions: ['서울특별시'], maxAmount: 500_000_000 },
  ],
  [
    'SEOUL-02',
    '서울 청년창업 1000',
    '서울경제진흥원',
    'startup',
    30,
    30,
    { eligibleRegions: ['서울특별시'], maxAgeYears: 3 },
  ],
  [
    'GG-01',
    '경기도 중소기업육성자금',
    '경기신용보증재단',
    'finance',
    4,
    45,
    { eligibleRegions: ['경기도'], maxAmount: 500_000_000 },
  ],
  [
    'GG-02',
    '경기도 수출 해외마케팅 지원',
    '경기도경제과학진흥원',
    'export',
    21,
    30,
    { eligibleRegions: ['경기도'], maxAmount: 30_000_000 },
  ],
  [
    'BUSAN-01',
    '부산시 소상공인 특별자금',
    '부산신용보증재단',
    'finance',
    -8,
    30,
    { eligibleRegions: ['부산광역시'], eligibleSizes: ['소상공인'] },
  ],
  [
    'GN-01',
    '경남 스마트공장 고도화',
    '경남테크노파크',
    'tech',
    56,
    30,
    { eligibleRegions: ['경상남도'], eligibleKsic: ['C'] },
  ],
  [
    'INCHEON-01',
    '인천 창업기업 성장지원',
    '인천테크노파크',
    'startup',
    15,
    30,
    { eligibleRegions: ['인천광역시'], maxAgeYears: 7 },
  ],
  [
    'DAEGU-01',
    '대구 중소기업 경영안정자금',
    '대구신용보증재단',
    'finance',
    42,
    30,
    { eligibleRegions: ['대구광역시'] },
  ],
  [
    'JEJU-01',
    '제주 관광·로컬 소상공인 지원',
    '제주특별자치도',
    'domestic',
    26,
    30,
    { eligibleRegions: ['제주특별자치도'], eligibleSizes: ['소상공인'] },
  ],
  [
    'CN-01',
    '충남 R&D 기획 지원',
    '충남테크노파크',
    'tech',
    63,
    30,
    { eligibleRegions: ['충청남도'], eligibleKsic: ['C', 'J', 'M'] },
  ],
];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function programCatalogue(today: Date): SeedProgram[] {
  const day0 = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const at = (days: number) => isoDay(new Date(day0 + days * 86_400_000));
  const build =
    (level: 'central' | 'local') =>
    ([code, name, agency, category, opensIn, length, extra = {}]: Row): SeedProgram => ({
      code,
      name,
      agency,
      level,
      category,
      description: extra.description ?? `${agency}의 ${name} 지원사업`,
      url: `https://www.bizinfo.go.kr/program/${code}`,
      eligibleRegions: extra.eligibleRegions ?? null,
      eligibleSizes: extra.eligibleSizes ?? null,
      eligibleKsic: extra.eligibleKsic ?? null,
      minAgeYears: extra.minAgeYears ?? null,
      maxAgeYears: extra.maxAgeYears ?? null,
      maxAmount: extra.maxAmount ?? null,
      // Announced two weeks before the window opens, except programs still only planned (>60 days out).
      announcedOn: opensIn > 60 ? null : at(opensIn - 14),
      opensOn: at(opensIn),
      closesOn: at(opensIn + length),
    });
  return [...CENTRAL.map(build('central')), ...LOCAL.map(build('local'))];
}
