-- Short (1–2 syllable) name searches list companies in name order. The text_pattern_ops index
-- of 006 finds them but cannot give that order, so a common prefix sorted every match (143 k
-- rows for "한빛" at national scale). A byte-order (C collation) index does both: a range scan
-- that stops after the first page.
CREATE INDEX companies_search_name_c_idx ON companies ((search_name COLLATE "C"), id);
DROP INDEX companies_search_name_prefix_idx;
