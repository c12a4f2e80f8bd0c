import type { CategoryCode, KoreanRegion, OutcomeCode } from '@cc1357/contracts';

/** Word lists for realistic Korean demo data. */

export const NAME_ROOTS = [
  '한빛',
  '대성',
  '누리',
  '새한',
  '동양',
  '세진',
  '미래',
  '한울',
  '태광',
  '성원',
  '다온',
  '해솔',
  '가온',
  '청솔',
  '은하',
  '백두',
  '한결',
  '푸른',
  '신성',
  '보람',
  '늘품',
  '진영',
  '금강',
  '한마음',
  '큰별',
  '서해',
  '동해',
  '남도',
  '우진',
  '대원',
  '삼익',
  '영진',
  '선진',
  '정우',
  '하나',
  '비전',
  '그린',
  '에이스',
  '유니',
  '코스모',
  '새롬',
  '아름',
  '참빛',
  '온누리',
  '도담',
  '라온',
  '나래',
  '솔빛',
  '한솔',
  '대한',
  '신화',
  '일신',
  '경원',
  '동신',
  '상아',
  '희망',
] as const;

export interface Industry {
  code: string;
  label: string;
  suffixes: readonly string[];
  /** Where most firms of this kind are (a weak bias, for realism). */
  manufacturing: boolean;
}

/** KSIC (한국표준산업분류) divisions common among callers. */
export const INDUSTRIES: readonly Industry[] = [
  { code: 'C10', label: '식료품 제조업', suffixes: ['식품', '푸드', '에프앤비'], manufacturing: true },
  { code: 'C13', label: '섬유제품 제조업', suffixes: ['섬유', '텍스타일'], manufacturing: true },
  { code: 'C20', label: '화학물질 및 화학제품 제조업', suffixes: ['화학', '케미칼'], manufacturing: true },
  { code: 'C21', label: '의료용 물질 및 의약품 제조업', suffixes: ['바이오', '제약', '메디칼'], manufacturing: true },
  { code: 'C25', label: '금속가공제품 제조업', suffixes: ['금속', '정밀', '메탈'], manufacturing: true },
  {
    code: 'C26',
    label: '전자부품, 컴퓨터, 영상, 음향 및 통신장비 제조업',
    suffixes: ['전자', '테크', '반도체'],
    manufacturing: true,
  },
  { code: 'C29', label: '기타 기계 및 장비 제조업', suffixes: ['기계', '정밀', '엔지니어링'], manufacturing: true },
  { code: 'C30', label: '자동차 및 트레일러 제조업', suffixes: ['오토텍', '모터스', '부품'], manufacturing: true },
  {
    code: 'J582',
    label: '소프트웨어 개발 및 공급업',
    suffixes: ['소프트', '소프트웨어', '랩스'],
    manufacturing: false,
  },
  {
    code: 'J62',
    label: '컴퓨터 프로그래밍, 시스템 통합 및 관리업',
    suffixes: ['정보통신', '시스템', '아이티'],
    manufacturing: false,
  },
  { code: 'G46', label: '도매 및 상품 중개업', suffixes: ['상사', '물산', '유통'], manufacturing: false },
  { code: 'G47', label: '소매업; 자동차 제외', suffixes: ['상회', '마트', '커머스'], manufacturing: false },
  { code: 'I56', label: '음식점 및 주점업', suffixes: ['식당', '푸드', '키친'], manufacturing: false },
  { code: 'F41', label: '종합 건설업', suffixes: ['건설', '종합건설', '개발'], manufacturing: false },
  { code: 'M71', label: '전문 서비스업', suffixes: ['컨설팅', '파트너스'], manufacturing: false },
  { code: 'M73', label: '기타 전문, 과학 및 기술 서비스업', suffixes: ['디자인', '스튜디오'], manufacturing: false },
  { code: 'D35', label: '전기, 가스, 증기 및 공기조절 공급업', suffixes: ['에너지', '솔라'], manufacturing: false },
  { code: 'H49', label: '육상 운송 및 파이프라인 운송업', suffixes: ['물류', '운수', '로지스'], manufacturing: false },
  { code: 'S96', label: '기타 개인 서비스업', suffixes: ['뷰티', '헤어'], manufacturing: false },
];

/** Regions with their landline area code and a weight roughly following where SMEs are. */
export const REGIONS: readonly { name: KoreanRegion; areaCode: string; weight: number }[] = [
  { name: '서울특별시', areaCode: '02', weight: 20 },
  { name: '경기도', areaCode: '031', weight: 24 },
  { name: '부산광역시', areaCode: '051', weight: 7 },
  { name: '인천광역시', areaCode: '032', weight: 6 },
  { name: '대구광역시', areaCode: '053', weight: 5 },
  { name: '경상남도', areaCode: '055', weight: 6 },
  { name: '경상북도', areaCode: '054', weight: 5 },
  { name: '충청남도', areaCode: '041', weight: 4 },
  { name: '충청북도', areaCode: '043', weight: 3 },
  { name: '대전광역시', areaCode: '042', weight: 3 },
  { name: '광주광역시', areaCode: '062', weight: 3 },
  { name: '전북특별자치도', areaCode: '063', weight: 3 },
  { name: '전라남도', areaCode: '061', weight: 3 },
  { name: '울산광역시', areaCode: '052', weight: 2 },
  { name: '강원특별자치도', areaCode: '033', weight: 2 },
  { name: '제주특별자치도', areaCode: '064', weight: 1 },
  { name: '세종특별자치시', areaCode: '044', weight: 1 },
];

export const SURNAMES = [
  '김',
  '이',
  '박',
  '최',
  '정',
  '강',
  '조',
  '윤',
  '장',
  '임',
  '한',
  '오',
  '서',
  '신',
  '권',
  '황',
  '안',
  '송',
  '류',
  '홍',
] as const;
export const GIVEN_NAMES = [
  '민준',
  '서연',
  '지훈',
  '영수',
  '정희',
  '성호',
  '미경',
  '현우',
  '수진',
  '동현',
  '은지',
  '상철',
  '경숙',
  '재훈',
  '혜진',
  '태호',
  '순자',
  '광수',
  '영호',
  '미숙',
  '진우',
  '지영',
  '병철',
  '옥순',
  '준호',
  '하늘',
  '도윤',
  '예린',
] as const;
export const STAFF_TITLES = ['과장', '대리', '팀장', '부장', '실장', '주임', '사원'] as const;

/** Past consultations, per category: [sub-category, summary] in a counselor's words. */
export const CONSULTATION_TEMPLATES: Record<CategoryCode, readonly [string, string][]> = {
  finance: [
    ['정책자금', '정책자금 융자 신청 자격 문의. 업력과 전년도 매출 기준, 신청 기간 안내함.'],
    ['긴급경영안정자금', '매출 급감으로 긴급경영안정자금 문의. 필요 서류(재무제표, 부가세 과세표준증명) 안내.'],
    ['신용보증', '신용보증기금·기술보증기금 보증 차이 문의. 기술평가 보증 절차 설명함.'],
    ['소상공인 대출', '소상공인 정책자금 대리대출 절차 및 금리 문의. 소진공 지역센터 방문 예약 안내.'],
  ],
  tech: [
    ['R&D > 기술개발', '중소기업 기술개발사업(디딤돌) 공고 일정 및 신청 요건 문의. 기정원 공고 일정 안내.'],
    ['R&D > 특허지원', '특허 출원 비용 지원 문의. 지역지식재산센터 연계 안내함.'],
    ['스마트공장', '스마트공장 구축 지원사업 자부담 비율 문의. 기초 단계 지원 한도 설명함.'],
  ],
  workforce: [
    ['고용지원', '청년 채용 인건비 지원 문의. 고용노동부 사업으로 1350 연계 안내.'],
    ['인력양성', '재직자 교육 지원 과정 문의. 중소기업 계약학과 제도 안내함.'],
  ],
  export: [
    ['수출바우처', '수출바우처 신청 시기와 자부담 비율 문의. 수출지원기반활용사업 안내.'],
    ['FTA', 'FTA 원산지 증명 방법 문의. FTA 종합지원센터(1380) 연계함.'],
    ['해외전시회', '해외 전시회 참가 지원 문의. 단체관 참가 모집 공고 일정 안내.'],
  ],
  domestic: [
    ['판로지원', '공공구매 판로 지원 문의. 조달청 혁신제품 지정 절차 안내함.'],
    ['온누리상품권', '온누리상품권 가맹점 등록 방법 문의. 전통시장 상인회 통해 신청 안내.'],
  ],
  startup: [
    ['창업·벤처 > 예비창업', '예비창업패키지 신청 자격 문의. 사업자 등록 전이어야 함을 안내.'],
    ['창업·벤처 > 1인창조기업', '1인 창조기업 지원센터 입주 조건 문의. 가까운 센터 목록 안내함.'],
    ['창업·벤처 > 초기창업', '초기창업패키지 선정 평가 기준 문의. 창진원 공고문 확인 안내.'],
  ],
  management: [
    ['컨설팅', '경영 컨설팅 바우처 신청 문의. 지원 한도와 수행기관 선택 방법 설명함.'],
    ['세무', '부가세 신고 관련 문의. 국세청(126) 연계 안내.'],
  ],
  other: [
    ['기타', '지원사업 통합 조회 방법 문의. 기업마당 사이트 이용 방법 안내함.'],
    ['민원', '지원금 지급 지연 문의. 담당 기관 확인 후 회신 약속.'],
  ],
};

export const OUTCOME_WEIGHTS: readonly [OutcomeCode, number][] = [
  ['resolved', 45],
  ['info', 25],
  ['followUp', 15],
  ['relayed', 10],
  ['callback', 5],
];

export const FOLLOW_UPS = [
  '공고 게시 후 문자 안내 예정',
  '서류 검토 후 회신 예정',
  '담당 기관 확인 후 재통화',
  '다음 주 방문 상담 예약',
] as const;
