-- Companies (SMEs) and the people/numbers that call about them.

-- The official 사업자등록번호 checksum, so no path (seed, import, API) can store a bad number.
CREATE FUNCTION is_valid_biz_reg_no(n text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT n ~ '^\d{10}$' AND (
    10 - ((
      substr(n,1,1)::int * 1 + substr(n,2,1)::int * 3 + substr(n,3,1)::int * 7 +
      substr(n,4,1)::int * 1 + substr(n,5,1)::int * 3 + substr(n,6,1)::int * 7 +
      substr(n,7,1)::int * 1 + substr(n,8,1)::int * 3 + substr(n,9,1)::int * 5 +
      (substr(n,9,1)::int * 5) / 10
    ) % 10)
  ) % 10 = substr(n,10,1)::int
$$;

CREATE TABLE companies (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  biz_reg_no       text NOT NULL UNIQUE CHECK (is_valid_biz_reg_no(biz_reg_no)),
  name             text NOT NULL,
  representative   text NOT NULL,
  region           text NOT NULL CHECK (region IN (
                     '서울특별시', '부산광역시', '대구광역시', '인천광역시', '광주광역시', '대전광역시',
                     '울산광역시', '세종특별자치시', '경기도', '강원특별자치도', '충청북도', '충청남도',
                     '전북특별자치도', '전라남도', '경상북도', '경상남도', '제주특별자치도')),
  ksic_code        text NOT NULL CHECK (ksic_code ~ '^[A-U][0-9]{0,5}$'),
  ksic_label       text NOT NULL,
  size_class       text NOT NULL CHECK (size_class IN ('소상공인', '소기업', '중기업')),
  employees        integer NOT NULL CHECK (employees >= 0),
  founded_on       date NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- Finding similar companies (type, size, industry, region) is a counselor's daily question.
CREATE INDEX companies_region_ksic_size_idx ON companies (region, ksic_code, size_class);
CREATE INDEX companies_name_idx ON companies (name);

CREATE TABLE contacts (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL,
  title      text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A person may speak for more than one company (a CEO with two firms, an accountant).
CREATE TABLE contact_companies (
  contact_id bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, company_id)
);
CREATE INDEX contact_companies_company_idx ON contact_companies (company_id);

-- Numbers are stored normalised (digits only, national form: 01012345678, 0212345678) so the
-- screen pop is one index probe whatever format the carrier delivered.
CREATE TABLE contact_phones (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  number     text NOT NULL CHECK (number ~ '^[0-9]{3,15}$'),
  kind       text NOT NULL CHECK (kind IN ('mobile', 'landline')),
  UNIQUE (contact_id, number)
);
CREATE INDEX contact_phones_number_idx ON contact_phones (number);
