/**
 * The 21 sections (대분류) of the Korean Standard Industrial Classification (KSIC, 10th
 * revision): the letter a KSIC code starts with. Recommendations name the section of the
 * "similar companies" they compare with, in the console's language.
 */
export const KSIC_SECTIONS: Readonly<Record<string, { ko: string; en: string }>> = {
  A: { ko: '농업, 임업 및 어업', en: 'Agriculture, forestry and fishing' },
  B: { ko: '광업', en: 'Mining' },
  C: { ko: '제조업', en: 'Manufacturing' },
  D: { ko: '전기, 가스, 증기 및 공기조절 공급업', en: 'Electricity, gas and steam' },
  E: { ko: '수도, 하수 및 폐기물 처리, 원료 재생업', en: 'Water, sewage and waste' },
  F: { ko: '건설업', en: 'Construction' },
  G: { ko: '도매 및 소매업', en: 'Wholesale and retail trade' },
  H: { ko: '운수 및 창고업', en: 'Transportation and storage' },
  I: { ko: '숙박 및 음식점업', en: 'Accommodation and food service' },
  J: { ko: '정보통신업', en: 'Information and communication' },
  K: { ko: '금융 및 보험업', en: 'Finance and insurance' },
  L: { ko: '부동산업', en: 'Real estate' },
  M: { ko: '전문, 과학 및 기술 서비스업', en: 'Professional, scientific and technical services' },
  N: { ko: '사업시설 관리, 사업 지원 및 임대 서비스업', en: 'Business support services' },
  O: { ko: '공공 행정, 국방 및 사회보장 행정', en: 'Public administration' },
  P: { ko: '교육 서비스업', en: 'Education' },
  Q: { ko: '보건업 및 사회복지 서비스업', en: 'Health and social work' },
  R: { ko: '예술, 스포츠 및 여가관련 서비스업', en: 'Arts, sports and recreation' },
  S: { ko: '협회 및 단체, 수리 및 기타 개인 서비스업', en: 'Associations, repair and personal services' },
  T: { ko: '가구 내 고용활동 및 자가 소비 생산활동', en: 'Households as employers' },
  U: { ko: '국제 및 외국기관', en: 'Extraterritorial organizations' },
};
