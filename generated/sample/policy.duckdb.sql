-- 政策「示例县育儿支持办法」（示政〔2024〕1号）的 SQL 求值（DuckDB），由 zhengce build 从 IR 生成，勿手改。
-- 语义与解释器相同（NULL 为未知，Kleene 逻辑；存疑时 缺少 列出所缺事实）。依赖：输入表（input.duckdb.sql）、
-- zc_eval（场景 INTEGER, 评估日期 DATE：每个场景一行）、zc_events（场景, 日期 DATE, 级别, 类别, 地区, 标题, 文号：各场景的上级政策事件）、
-- zc_case_scenario（编号, 场景：案件所属的场景；不在表中的案件属于场景 0）。评估日期与事件是表中的行，不写进 SQL：每个政策只规划一次。
-- 视图 zc_sample_决定 每个案件（案件.编号）一行；列：编号、废止日期（已废止时）、可能废止日期（失效条件对某事件未定时），以及每项措施 i 的 m<i>_状态、m<i>_缺少、m<i>_<j>（结果 j）、
-- m<i>_申请、m<i>_可领取（有申请条件时）。金额为分（BIGINT），日期为 DATE，比例为 "n/d"。
--   m0 = 生育补助（二（一），sec_2__subsec_1，对象：家庭）
--     m0_0 = 补助金额（元，一次性）
--   m1 = 托育补贴（二（二），sec_2__subsec_2，对象：婴幼儿）
--     m1_0 = 托育补贴金额（元，按月）
--   m2 = 延长产假（二（三），sec_2__subsec_3，对象：女职工）
--     m2_0 = 产假天数（天）
-- 工作日历：chinese-days 数据覆盖 2004—2026 年（日序号 12418—20818）；表外的年份一律报错 ZC0805。
CREATE TABLE IF NOT EXISTS zc_workday AS
SELECT CAST(row_number() OVER (ORDER BY d) AS INTEGER) AS i, d FROM (SELECT CAST(zc_s AS INTEGER) AS d FROM range(12418, 20819) AS zc_r(zc_s)) AS zc_days
WHERE ((((d % 7) + 7 + 3) % 7) + 1 <= 5 AND d NOT IN (12418, 12439, 12440, 12443, 12444, 12445, 12541, 12542, 12543, 12544, 12545, 12692, 12695, 12696, 12697, 12698, 12786, 12823, 12824, 12825, 12828, 12829, 12905, 12906, 12907, 12908, 12909, 13059, 13060, 13061, 13062, 13063, 13150, 13151, 13178, 13179, 13180, 13181, 13182, 13269, 13270, 13271, 13272, 13273, 13423, 13424, 13425, 13426, 13427, 13514, 13515, 13516, 13563, 13564, 13565, 13566, 13567, 13634, 13635, 13636, 13637, 13640, 13787, 13788, 13789, 13790, 13791, 13878, 13879, 13915, 13916, 13917, 13920, 13921, 13973, 14000, 14001, 14039, 14137, 14151, 14152, 14153, 14154, 14155, 14245, 14246, 14270, 14271, 14272, 14273, 14274, 14340, 14365, 14392, 14393, 14518, 14519, 14522, 14523, 14524, 14525, 14610, 14655, 14656, 14657, 14658, 14659, 14704, 14732, 14774, 14775, 14776, 14874, 14875, 14876, 14883, 14886, 14887, 14888, 14889, 14977, 15007, 15008, 15009, 15012, 15013, 15068, 15069, 15096, 15131, 15229, 15250, 15251, 15252, 15253, 15254, 15341, 15342, 15362, 15363, 15364, 15365, 15366, 15432, 15433, 15434, 15460, 15461, 15513, 15614, 15615, 15616, 15617, 15618, 15706, 15707, 15708, 15747, 15748, 15749, 15750, 15751, 15799, 15800, 15824, 15825, 15826, 15866, 15867, 15868, 15967, 15968, 15979, 15980, 15981, 15982, 15985, 16071, 16101, 16104, 16105, 16106, 16107, 16167, 16191, 16192, 16223, 16321, 16344, 16345, 16346, 16349, 16350, 16436, 16437, 16484, 16485, 16486, 16489, 16490, 16531, 16556, 16608, 16681, 16682, 16709, 16710, 16713, 16714, 16715, 16801, 16839, 16840, 16841, 16842, 16843, 16895, 16923, 16961, 16962, 17059, 17060, 17077, 17078, 17079, 17080, 17081, 17168, 17193, 17196, 17197, 17198, 17199, 17259, 17260, 17287, 17315, 17316, 17441, 17442, 17443, 17444, 17445, 17532, 17577, 17578, 17581, 17582, 17583, 17626, 17627, 17651, 17652, 17700, 17798, 17805, 17806, 17807, 17808, 17809, 17896, 17897, 17931, 17932, 17933, 17934, 17935, 17991, 18017, 18018, 18019, 18054, 18152, 18170, 18171, 18172, 18173, 18176, 18262, 18285, 18288, 18289, 18290, 18291, 18292, 18358, 18383, 18386, 18387, 18438, 18439, 18536, 18537, 18540, 18541, 18542, 18543, 18628, 18669, 18670, 18673, 18674, 18675, 18722, 18750, 18751, 18752, 18792, 18890, 18891, 18901, 18904, 18905, 18906, 18907, 18995, 19023, 19024, 19025, 19026, 19027, 19086, 19087, 19114, 19115, 19116, 19146, 19247, 19268, 19269, 19270, 19271, 19272, 19359, 19380, 19381, 19382, 19383, 19384, 19452, 19478, 19479, 19480, 19530, 19531, 19629, 19632, 19633, 19634, 19635, 19636, 19723, 19765, 19766, 19767, 19768, 19769, 19817, 19818, 19844, 19845, 19846, 19884, 19982, 19983, 19997, 19998, 19999, 20000, 20003, 20089, 20116, 20117, 20118, 20119, 20122, 20123, 20182, 20209, 20210, 20213, 20241, 20362, 20363, 20364, 20367, 20368, 20369, 20454, 20455, 20500, 20501, 20502, 20503, 20504, 20507, 20549, 20574, 20577, 20578, 20623, 20721, 20727, 20728, 20731, 20732, 20733))
   OR d IN (12434, 12435, 12546, 12547, 12700, 12701, 12819, 12820, 12903, 12911, 13064, 13065, 13176, 13184, 13267, 13268, 13421, 13429, 13512, 13513, 13561, 13569, 13631, 13632, 13785, 13786, 13876, 13911, 13912, 14003, 14149, 14150, 14248, 14268, 14276, 14395, 14514, 14527, 14660, 14661, 14772, 14773, 14871, 14877, 14878, 14891, 15004, 15017, 15066, 15255, 15256, 15339, 15360, 15368, 15430, 15431, 15458, 15612, 15710, 15711, 15752, 15753, 15802, 15822, 15823, 15864, 15865, 15970, 15977, 15990, 16096, 16109, 16194, 16341, 16354, 16439, 16481, 16494, 16684, 16718, 16837, 16845, 16964, 17062, 17082, 17083, 17188, 17201, 17257, 17313, 17439, 17573, 17586, 17629, 17649, 17803, 17804, 17894, 17929, 17930, 18014, 18021, 18168, 18181, 18280, 18378, 18391, 18441, 18532, 18545, 18665, 18678, 18742, 18755, 18888, 18896, 18909, 19021, 19022, 19084, 19106, 19119, 19273, 19274, 19385, 19386, 19470, 19483, 19533, 19637, 19638, 19757, 19771, 19820, 19841, 19854, 19980, 19995, 20008, 20114, 20127, 20205, 20359, 20372, 20457, 20498, 20512, 20582, 20716, 20736);
CREATE OR REPLACE MACRO zc_rdiv(a, b) AS CAST(CASE WHEN (a < 0) <> (b < 0) THEN -1 ELSE 1 END * ((2 * abs(CAST(a AS HUGEINT)) + abs(CAST(b AS HUGEINT))) // (2 * abs(CAST(b AS HUGEINT)))) AS BIGINT);
CREATE OR REPLACE MACRO zc_rn(t) AS CAST(split_part(t, '/', 1) AS HUGEINT);
CREATE OR REPLACE MACRO zc_rd(t) AS CAST(split_part(t, '/', 2) AS HUGEINT);
CREATE OR REPLACE MACRO zc_ratio(n, dd) AS CASE WHEN n = 0 AND dd IS NOT NULL THEN '0/1' ELSE CAST(CASE WHEN (n < 0) <> (dd < 0) THEN -1 ELSE 1 END * (abs(CAST(n AS HUGEINT)) // gcd(abs(CAST(n AS HUGEINT)), abs(CAST(dd AS HUGEINT)))) AS VARCHAR) || '/' || CAST(abs(CAST(dd AS HUGEINT)) // gcd(abs(CAST(n AS HUGEINT)), abs(CAST(dd AS HUGEINT))) AS VARCHAR) END;
CREATE OR REPLACE MACRO zc_ratio_cmp(a, b) AS sign(zc_rn(a) * zc_rd(b) - zc_rn(b) * zc_rd(a));
CREATE OR REPLACE MACRO zc_add_months(n, k) AS CAST(CAST(DATE '1970-01-01' + CAST(n AS INTEGER) + to_months(CAST(k AS INTEGER)) AS DATE) - DATE '1970-01-01' AS INTEGER);
CREATE OR REPLACE MACRO zc_mo(bd, od) AS 12 * (year(od) - year(bd)) + month(od) - month(bd) - CASE WHEN day(od) <= least(day(bd), day(last_day(od))) THEN 1 ELSE 0 END;
CREATE OR REPLACE MACRO zc_months_of_age(b, o) AS CASE WHEN b IS NULL OR o IS NULL OR o < b THEN NULL ELSE greatest(0, zc_mo(DATE '1970-01-01' + CAST(b AS INTEGER), DATE '1970-01-01' + CAST(o AS INTEGER))) END;
CREATE OR REPLACE MACRO zc_years_of_age(b, o) AS CAST(floor(zc_months_of_age(b, o) / 12) AS INTEGER);
CREATE OR REPLACE MACRO zc_workday_deadline(s, n) AS CASE
  WHEN n < 1 THEN s
  WHEN s + 1 < 12418 THEN CAST(error('ZC0805 没有' || CAST(year(DATE '1970-01-01' + CAST(s + 1 AS INTEGER)) AS VARCHAR) || '年的法定节假日和调休安排数据（chinese-days 只覆盖2004年至2026年），无法计算' || strftime(DATE '1970-01-01' + CAST(s AS INTEGER), '%Y-%m-%d') || '起' || CAST(n AS VARCHAR) || '个工作日内的期限；不按周一至周五推测') AS INTEGER)
  ELSE coalesce((SELECT zc_w.d FROM zc_workday AS zc_w WHERE zc_w.i = (SELECT count(*) FROM zc_workday AS zc_v WHERE zc_v.d <= s) + n),
    CAST(error('ZC0805 没有' || CAST(year(DATE '1970-01-01' + CAST(greatest(s + 1, 20819) AS INTEGER)) AS VARCHAR) || '年的法定节假日和调休安排数据（chinese-days 只覆盖2004年至2026年），无法计算' || strftime(DATE '1970-01-01' + CAST(s AS INTEGER), '%Y-%m-%d') || '起' || CAST(n AS VARCHAR) || '个工作日内的期限；不按周一至周五推测') AS INTEGER)) END;
CREATE TABLE IF NOT EXISTS zc_eval ("场景" INTEGER NOT NULL PRIMARY KEY, "评估日期" DATE NOT NULL);
CREATE TABLE IF NOT EXISTS zc_events ("场景" INTEGER NOT NULL, "日期" DATE NOT NULL, "级别" TEXT NOT NULL, "类别" TEXT NOT NULL, "地区" TEXT, "标题" TEXT, "文号" TEXT);
CREATE TABLE IF NOT EXISTS zc_case_scenario ("编号" BIGINT NOT NULL PRIMARY KEY, "场景" INTEGER NOT NULL);
DROP TABLE IF EXISTS "zc_sample_措施";
CREATE TABLE "zc_sample_措施" ("序号" INTEGER, "措施" TEXT, "锚点" TEXT, "标签" TEXT, "对象" TEXT, "发放对象" TEXT, "申请条件" TEXT, "牵头单位" TEXT, "责任单位" TEXT);
INSERT INTO "zc_sample_措施" VALUES
  (0, '生育补助', 'sec_2__subsec_1', '二（一）', '家庭', NULL, NULL, '县卫健委', '县财政局'),
  (1, '托育补贴', 'sec_2__subsec_2', '二（二）', '婴幼儿', NULL, NULL, '县卫健委', '县财政局'),
  (2, '延长产假', 'sec_2__subsec_3', '二（三）', '女职工', NULL, NULL, '县人社局', '');
DROP TABLE IF EXISTS "zc_sample_结果";
CREATE TABLE "zc_sample_结果" ("措施序号" INTEGER, "结果序号" INTEGER, "结果" TEXT, "类型" TEXT, "单位" TEXT, "周期" TEXT);
INSERT INTO "zc_sample_结果" VALUES
  (0, 0, '补助金额', 'money', '元', '一次性'),
  (1, 0, '托育补贴金额', 'money', '元', '按月'),
  (2, 0, '产假天数', 'days', '天', NULL);
DROP VIEW IF EXISTS "zc_sample_决定";
CREATE VIEW "zc_sample_决定" AS
WITH zc_pd AS (
  SELECT "场景" AS zc_sc, CAST(("评估日期") - DATE '1970-01-01' AS INTEGER) AS zc_ed FROM zc_eval
), zc_pv AS (
  SELECT zc_sc, zc_ed, zc_s0, zc_mr, zc_mv, zc_mr OR zc_mv AS zc_maybe, zc_vmiss, zc_vd, zc_md FROM (
    SELECT zc_sc, zc_ed, zc_vd, zc_md, CASE WHEN zc_vd IS NOT NULL AND zc_ed >= zc_vd THEN '已废止' WHEN zc_ed < 19783 THEN '未生效' END AS zc_s0,
      (zc_vd IS NULL OR zc_ed < zc_vd) AND NOT (zc_ed < 19783) AND FALSE AS zc_mr,
      (zc_vd IS NULL OR zc_ed < zc_vd) AND NOT (zc_ed < 19783) AND zc_md IS NOT NULL AND (zc_vd IS NULL OR zc_md < zc_vd) AND zc_ed >= zc_md AS zc_mv,
      CAST(NULL AS VARCHAR[]) AS zc_vmiss
    FROM (SELECT zc_sc, zc_ed, (SELECT min((CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) + 0)) FROM zc_events AS zc_ev WHERE zc_ev."场景" = zc_pd.zc_sc AND ((CASE WHEN zc_ev."级别" IS NULL THEN NULL WHEN (zc_ev."级别" = '国家') IS TRUE OR (zc_ev."级别" = '省') IS TRUE OR (zc_ev."级别" = '市') IS TRUE THEN TRUE WHEN (zc_ev."级别" = '国家') IS NULL OR (zc_ev."级别" = '省') IS NULL OR (zc_ev."级别" = '市') IS NULL THEN NULL ELSE FALSE END AND (zc_ev."类别" = '生育支持政策') AND (CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19783)))) AS zc_vd, (SELECT min((CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) + 0)) FROM zc_events AS zc_ev WHERE zc_ev."场景" = zc_pd.zc_sc AND ((CASE WHEN zc_ev."级别" IS NULL THEN NULL WHEN (zc_ev."级别" = '国家') IS TRUE OR (zc_ev."级别" = '省') IS TRUE OR (zc_ev."级别" = '市') IS TRUE THEN TRUE WHEN (zc_ev."级别" = '国家') IS NULL OR (zc_ev."级别" = '省') IS NULL OR (zc_ev."级别" = '市') IS NULL THEN NULL ELSE FALSE END AND (zc_ev."类别" = '生育支持政策') AND (CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19783))) IS NULL) AS zc_md FROM zc_pd) AS zc_pv0
  ) AS zc_pv1
), zc_base0 AS NOT MATERIALIZED (
  SELECT CASE WHEN zc_pv.zc_sc IS NULL THEN CAST(error('ZC1207 案件 ' || CAST(zc_c."编号" AS VARCHAR) || ' 的场景 ' || CAST(coalesce(zc_cs."场景", 0) AS VARCHAR) || ' 在 zc_eval 中没有评估日期') AS INTEGER) ELSE zc_c."编号" END AS zc_k, zc_pv.zc_ed, zc_pv.zc_s0, zc_pv.zc_mr, zc_pv.zc_mv, zc_pv.zc_maybe, zc_pv.zc_vmiss, zc_pv.zc_vd, zc_pv.zc_md,
    zc_t0."编号" IS NOT NULL AS zc_p0,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '家庭') AS zc_n0,
    zc_t1."编号" IS NOT NULL AS zc_p1,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '婴幼儿') AS zc_n1,
    zc_t2."编号" IS NOT NULL AS zc_p2,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '女职工') AS zc_n2,
    zc_t0."子女数" AS zc_r0_0,
    zc_t0."丈夫户籍在本县" AS zc_r0_1,
    zc_t0."妻子户籍在本县" AS zc_r0_2,
    CAST((zc_t1."出生日期") - DATE '1970-01-01' AS INTEGER) AS zc_r1_0,
    zc_t1."户籍在本县" AS zc_r1_1,
    zc_t1."入托机构已备案" AS zc_r1_2,
    zc_t2."生育孩次" AS zc_r2_1
  FROM "案件" AS zc_c
  LEFT JOIN zc_case_scenario AS zc_cs ON zc_cs."编号" = zc_c."编号"
  LEFT JOIN zc_pv ON zc_pv.zc_sc = coalesce(zc_cs."场景", 0)
  LEFT JOIN "家庭" AS zc_t0 ON zc_t0."编号" = zc_c."编号"
  LEFT JOIN "婴幼儿" AS zc_t1 ON zc_t1."编号" = zc_c."编号"
  LEFT JOIN "女职工" AS zc_t2 ON zc_t2."编号" = zc_c."编号"
),
zc_base AS (SELECT * FROM zc_base0),
zc_m0a AS (
  SELECT zc_base.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN ((CASE WHEN zc_p0 THEN zc_r0_0 END >= 2) AND CASE WHEN zc_p0 THEN (CASE WHEN zc_p0 THEN zc_r0_1 END OR CASE WHEN zc_p0 THEN zc_r0_2 END) END) ELSE FALSE END AS m0_a0,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN ((CASE WHEN zc_p0 THEN zc_r0_0 END >= 3) AND CASE WHEN zc_p0 THEN (CASE WHEN zc_p0 THEN zc_r0_1 END OR CASE WHEN zc_p0 THEN zc_r0_2 END) END) ELSE FALSE END AS m0_a1
  FROM zc_base
),
zc_m0b AS (
  SELECT zc_m0a.*,
    CASE WHEN ((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) THEN 200000 END AS m0_v0_0,
    CASE WHEN ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE) THEN 500000 END AS m0_v0_1
  FROM zc_m0a
),
zc_m0c AS (
  SELECT zc_m0b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND (((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) OR ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE)) AND NOT (((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS NULL) OR ((m0_a1 IS NOT FALSE) AND m0_a1 IS NULL)) AND NOT ((((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) AND ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE) AND m0_v0_0 IS DISTINCT FROM m0_v0_1)) AND NOT FALSE THEN CASE WHEN ((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) THEN m0_v0_0 WHEN ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE) THEN m0_v0_1 END END AS m0_would0,
    (zc_s0 IS NULL AND NOT zc_n0) AND ((((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS NULL) OR ((m0_a1 IS NOT FALSE) AND m0_a1 IS NULL)) OR FALSE OR ((((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) OR ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE)) AND ((((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) AND ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE) AND m0_v0_0 IS DISTINCT FROM m0_v0_1))) OR ((((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) OR ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE)) AND NOT ((((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) AND ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE) AND m0_v0_0 IS DISTINCT FROM m0_v0_1)) AND (CASE WHEN ((m0_a0 IS NOT FALSE AND NOT (m0_a1 IS TRUE)) AND m0_a0 IS TRUE) THEN m0_v0_0 WHEN ((m0_a1 IS NOT FALSE) AND m0_a1 IS TRUE) THEN m0_v0_1 END IS NULL OR FALSE))) AS m0_dbt
  FROM zc_m0b
),
zc_m0r AS (
  SELECT zc_m0c.*,
    CASE WHEN zc_p0 THEN m0_would0 END AS m0_raw0
  FROM zc_m0c
),
zc_m0d AS (
  SELECT zc_m0r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n0 THEN '不适用' WHEN m0_dbt THEN '存疑' WHEN m0_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p0 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m0_状态
  FROM zc_m0r
),
zc_m0e AS (
  SELECT zc_m0d.*,
    CASE WHEN m0_状态 = '存疑' AND zc_maybe THEN NULL ELSE m0_raw0 END AS m0_0,
    CASE WHEN m0_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_0 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.子女数（输入声明没有「家庭」）' ELSE '家庭.子女数' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_1 END IS NULL AND zc_p0 THEN ['家庭' || '.丈夫户籍在本县'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_1 END IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p0 THEN zc_r0_2 END IS NULL AND zc_p0 THEN ['家庭' || '.妻子户籍在本县'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_0 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.子女数（输入声明没有「家庭」）' ELSE '家庭.子女数' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_1 END IS NULL AND zc_p0 THEN ['家庭' || '.丈夫户籍在本县'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_1 END IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p0 THEN zc_r0_2 END IS NULL AND zc_p0 THEN ['家庭' || '.妻子户籍在本县'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 AND m0_状态 <> '不适用' THEN ['家庭'] ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m0_缺少
  FROM zc_m0d
),
zc_m1a AS (
  SELECT zc_m0e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n1) AND zc_ed >= 19783 AND zc_ed <= 20818 THEN (((zc_months_of_age(CASE WHEN zc_p1 THEN zc_r1_0 END, zc_ed) >= 6) AND (zc_months_of_age(CASE WHEN zc_p1 THEN zc_r1_0 END, zc_ed) <= 36)) AND CASE WHEN zc_p1 THEN zc_r1_1 END AND CASE WHEN zc_p1 THEN zc_r1_2 END) ELSE FALSE END AS m1_a0
  FROM zc_m0e
),
zc_m1b AS (
  SELECT zc_m1a.*,
    CASE WHEN ((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE) THEN 30000 END AS m1_v0_0
  FROM zc_m1a
),
zc_m1c AS (
  SELECT zc_m1b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n1) AND (((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE)) AND NOT (((m1_a0 IS NOT FALSE) AND m1_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE) THEN m1_v0_0 END END AS m1_would0,
    (zc_s0 IS NULL AND NOT zc_n1) AND ((((m1_a0 IS NOT FALSE) AND m1_a0 IS NULL)) OR FALSE OR ((((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE)) AND FALSE) OR ((((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE) THEN m1_v0_0 END IS NULL OR FALSE))) AS m1_dbt
  FROM zc_m1b
),
zc_m1r AS (
  SELECT zc_m1c.*,
    CASE WHEN zc_p1 THEN m1_would0 END AS m1_raw0
  FROM zc_m1c
),
zc_m1d AS (
  SELECT zc_m1r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n1 THEN '不适用' WHEN m1_dbt THEN '存疑' WHEN m1_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p1 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m1_状态
  FROM zc_m1r
),
zc_m1e AS (
  SELECT zc_m1d.*,
    CASE WHEN m1_状态 = '存疑' AND zc_maybe THEN NULL ELSE m1_raw0 END AS m1_0,
    CASE WHEN m1_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN zc_ed >= 19783 AND zc_ed <= 20818 THEN list_concat(CASE WHEN CASE WHEN zc_p1 THEN zc_r1_0 END IS NULL THEN [CASE WHEN zc_n1 THEN '婴幼儿.出生日期（输入声明没有「婴幼儿」）' ELSE '婴幼儿.出生日期' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_months_of_age(CASE WHEN zc_p1 THEN zc_r1_0 END, zc_ed) >= 6) IS NOT FALSE THEN CASE WHEN CASE WHEN zc_p1 THEN zc_r1_0 END IS NULL THEN [CASE WHEN zc_n1 THEN '婴幼儿.出生日期（输入声明没有「婴幼儿」）' ELSE '婴幼儿.出生日期' END] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p1 THEN zc_r1_1 END IS NULL THEN [CASE WHEN zc_n1 THEN '婴幼儿.户籍在本县（输入声明没有「婴幼儿」）' ELSE '婴幼儿.户籍在本县' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p1 THEN zc_r1_2 END IS NULL THEN [CASE WHEN zc_n1 THEN '婴幼儿.入托机构已备案（输入声明没有「婴幼儿」）' ELSE '婴幼儿.入托机构已备案' END] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p1 AND m1_状态 <> '不适用' THEN ['婴幼儿'] ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m1_缺少
  FROM zc_m1d
),
zc_m2a AS (
  SELECT zc_m1e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND TRUE THEN (CASE WHEN zc_p2 THEN zc_r2_1 END = 3) ELSE FALSE END AS m2_a0
  FROM zc_m1e
),
zc_m2b AS (
  SELECT zc_m2a.*,
    CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN (CASE WHEN zc_ed >= 18962 THEN 158 END + 30) END AS m2_v0_0
  FROM zc_m2a
),
zc_m2c AS (
  SELECT zc_m2b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND NOT (((m2_a0 IS NOT FALSE) AND m2_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN m2_v0_0 END END AS m2_would0,
    (zc_s0 IS NULL AND NOT zc_n2) AND ((((m2_a0 IS NOT FALSE) AND m2_a0 IS NULL)) OR FALSE OR ((((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND FALSE) OR ((((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN m2_v0_0 END IS NULL OR FALSE))) AS m2_dbt
  FROM zc_m2b
),
zc_m2r AS (
  SELECT zc_m2c.*,
    CASE WHEN zc_p2 THEN m2_would0 END AS m2_raw0
  FROM zc_m2c
),
zc_m2d AS (
  SELECT zc_m2r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n2 THEN '不适用' WHEN m2_dbt THEN '存疑' WHEN m2_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p2 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m2_状态
  FROM zc_m2r
),
zc_m2e AS (
  SELECT zc_m2d.*,
    CASE WHEN m2_状态 = '存疑' AND zc_maybe THEN NULL ELSE m2_raw0 END AS m2_0,
    CASE WHEN m2_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_1 END IS NULL THEN [CASE WHEN zc_n2 THEN '女职工.生育孩次（输入声明没有「女职工」）' ELSE '女职工.生育孩次' END] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN CASE WHEN zc_ed < 18962 THEN ['参数 法定产假天数（' || strftime(DATE '1970-01-01' + CAST(zc_ed AS INTEGER), '%Y-%m-%d') || ' 无取值）'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 AND m2_状态 <> '不适用' THEN ['女职工'] ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m2_缺少
  FROM zc_m2d
)
SELECT zc_k AS "编号", CASE WHEN zc_s0 = '已废止' THEN (DATE '1970-01-01' + CAST(zc_vd AS INTEGER)) END AS "废止日期", CASE WHEN zc_mv THEN (DATE '1970-01-01' + CAST(zc_md AS INTEGER)) END AS "可能废止日期", m0_状态, m0_缺少, m0_0, m1_状态, m1_缺少, m1_0, m2_状态, m2_缺少, m2_0
FROM zc_m2e;
