-- 政策「栾川县优化生育政策促进人口长期均衡发展实施方案」（栾政〔2023〕18号）的 SQL 求值（DuckDB），由 zhengce build 从 IR 生成，勿手改。
-- 语义与解释器相同（NULL 为未知，Kleene 逻辑；存疑时 缺少 列出所缺事实）。依赖：输入表（input.duckdb.sql）、
-- zc_eval（场景 INTEGER, 评估日期 DATE：每个场景一行）、zc_events（场景, 日期 DATE, 级别, 类别, 地区, 标题, 文号：各场景的上级政策事件）、
-- zc_case_scenario（编号, 场景：案件所属的场景；不在表中的案件属于场景 0）。评估日期与事件是表中的行，不写进 SQL：每个政策只规划一次。
-- 视图 zc_luanchuan_决定 每个案件（案件.编号）一行；列：编号、废止日期（已废止时）、可能废止日期（失效条件对某事件未定时），以及每项措施 i 的 m<i>_状态、m<i>_缺少、m<i>_<j>（结果 j）、
-- m<i>_申请、m<i>_可领取（有申请条件时）。金额为分（BIGINT），日期为 DATE，比例为 "n/d"。
--   m0 = 计划生育家庭奖励扶助延续（五（一），sec_5__subsec_1，对象：家庭，发放对象：夫妻本人（独生子女父母、双女父母，按现行奖励扶助制度发放））
--     m0_0 = 继续享受现行奖励扶助和优惠政策（bool）
--   m1 = 生育补助（四（一），sec_4__subsec_1，对象：家庭，申请条件：生育补助申请条件）
--     m1_0 = 生育补助金额（元，一次性）
--   m2 = 辅食营养补充品（四（二），sec_4__subsec_2，对象：婴幼儿）
--     m2_0 = 可领取辅食营养补充品（bool）
--     m2_1 = 辅食营养补充品总价值（元）
--   m3 = 托育机构建设补贴（四（三），sec_4__subsec_3，对象：托育机构，申请条件：托育机构备案材料）
--     m3_0 = 建设运营补助金额（元，一次性）
--   m4 = 托育机构水电气价格（四（三），sec_4__subsec_3，对象：托育机构）
--     m4_0 = 水电气价格执行标准（enum）
--   m5 = 婴幼儿照护个税扣除（四（三），sec_4__subsec_3，对象：婴幼儿，发放对象：婴幼儿的父母（在个人所得税中申报扣除的纳税人））
--     m5_0 = 每月扣除标准（元，按月）
--   m6 = 入托补贴（四（六），sec_4__subsec_6，对象：入托幼儿，发放对象：托育机构，申请条件：入托补贴申请条件）
--     m6_0 = 入托运营补贴（元，按年）
--   m7 = 公积金租房提取上浮（四（七），sec_4__subsec_7，对象：家庭，发放对象：缴存住房公积金的夫妻一方（提取申请人））
--     m7_0 = 租房提取限额上浮比例（%）
--   m8 = 公积金租购接续（四（七），sec_4__subsec_7，对象：家庭，发放对象：申请住房公积金贷款的缴存职工）
--     m8_0 = 租房提取额度与余额可合并计算贷款额度（bool）
--   m9 = 多孩家庭购房优先优惠（四（七），sec_4__subsec_7，对象：家庭）
--     m9_0 = 优先享受购房优惠政策（bool）
--   m10 = 法定生育假期（四（八），sec_4__subsec_8，对象：职工）
--     m10_0 = 国家产假（天）
--     m10_1 = 省增加产假（个月）
--     m10_2 = 护理假（个月）
--     m10_3 = 育儿假（天，按年）
--     m10_4 = 哺乳时间（小时，每天）
--   m11 = 三孩延长产假（四（八），sec_4__subsec_8，对象：职工）
--     m11_0 = 再延长产假（个月）
--   m12 = 三孩照护假（四（八），sec_4__subsec_8，对象：职工）
--     m12_0 = 照护假（小时，每天）
--   m13 = 母婴照护服务机构补助（四（九），sec_4__subsec_9，对象：母婴照护服务机构，申请条件：母婴照护服务机构补贴申请条件）
--     m13_0 = 建设补助金额（元，一次性）
--   m14 = 生育家庭免费培训（四（十），sec_4__subsec_10，对象：培训参加人）
--     m14_0 = 免费培训（bool）
--   m15 = 生育补助申请条件（附件2 一，annex_2__sec_1，对象：家庭）
--     m15_0 = 可受理生育补助申请（bool）
--   m16 = 托育机构备案材料（附件2 二，annex_2__sec_2，对象：托育机构）
--     m16_0 = 备案材料齐全（bool）
--   m17 = 托育机构备案办理期限（附件2 二，annex_2__sec_2，对象：托育机构）
--     m17_0 = 提供备案回执期限（工作日）
--     m17_1 = 不符合规范通知期限（工作日）
--     m17_2 = 提供备案回执截止日（date）
--     m17_3 = 不符合规范通知截止日（date）
--   m18 = 入托补贴申请条件（附件2 三，annex_2__sec_3，对象：入托幼儿）
--     m18_0 = 可受理入托补贴申请（bool）
--   m19 = 母婴照护服务机构补贴申请条件（附件2 四，annex_2__sec_4，对象：母婴照护服务机构）
--     m19_0 = 可受理母婴照护服务机构补贴申请（bool）
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
DROP TABLE IF EXISTS "zc_luanchuan_措施";
CREATE TABLE "zc_luanchuan_措施" ("序号" INTEGER, "措施" TEXT, "锚点" TEXT, "标签" TEXT, "对象" TEXT, "发放对象" TEXT, "申请条件" TEXT, "牵头单位" TEXT, "责任单位" TEXT);
INSERT INTO "zc_luanchuan_措施" VALUES
  (0, '计划生育家庭奖励扶助延续', 'sec_5__subsec_1', '五（一）', '家庭', '夫妻本人（独生子女父母、双女父母，按现行奖励扶助制度发放）', NULL, '县卫健委', '县财政局、县民政局、县人社局、县医保局、县总工会、县妇联、各乡镇政府'),
  (1, '生育补助', 'sec_4__subsec_1', '四（一）', '家庭', NULL, '生育补助申请条件', '县卫健委', '县财政局、县公安局、各乡镇政府'),
  (2, '辅食营养补充品', 'sec_4__subsec_2', '四（二）', '婴幼儿', NULL, NULL, '县卫健委', '县公安局、各乡镇政府'),
  (3, '托育机构建设补贴', 'sec_4__subsec_3', '四（三）', '托育机构', NULL, '托育机构备案材料', '县卫健委', '县发改委、县财政局、县人社局、县税务局、县教体局'),
  (4, '托育机构水电气价格', 'sec_4__subsec_3', '四（三）', '托育机构', NULL, NULL, '县卫健委', '县发改委、县财政局、县人社局、县税务局、县教体局'),
  (5, '婴幼儿照护个税扣除', 'sec_4__subsec_3', '四（三）', '婴幼儿', '婴幼儿的父母（在个人所得税中申报扣除的纳税人）', NULL, '县卫健委', '县发改委、县财政局、县人社局、县税务局、县教体局'),
  (6, '入托补贴', 'sec_4__subsec_6', '四（六）', '入托幼儿', '托育机构', '入托补贴申请条件', '县财政局、县教体局', '县人社局、县卫健委、各乡镇政府'),
  (7, '公积金租房提取上浮', 'sec_4__subsec_7', '四（七）', '家庭', '缴存住房公积金的夫妻一方（提取申请人）', NULL, '县公积金管理中心、县住建局', '县卫健委、各乡镇政府'),
  (8, '公积金租购接续', 'sec_4__subsec_7', '四（七）', '家庭', '申请住房公积金贷款的缴存职工', NULL, '县公积金管理中心、县住建局', '县卫健委、各乡镇政府'),
  (9, '多孩家庭购房优先优惠', 'sec_4__subsec_7', '四（七）', '家庭', NULL, NULL, '县公积金管理中心、县住建局', '县卫健委、各乡镇政府'),
  (10, '法定生育假期', 'sec_4__subsec_8', '四（八）', '职工', NULL, NULL, '县人社局', '县总工会、县妇联、各乡镇政府'),
  (11, '三孩延长产假', 'sec_4__subsec_8', '四（八）', '职工', NULL, NULL, '县人社局', '县总工会、县妇联、各乡镇政府'),
  (12, '三孩照护假', 'sec_4__subsec_8', '四（八）', '职工', NULL, NULL, '县人社局', '县总工会、县妇联、各乡镇政府'),
  (13, '母婴照护服务机构补助', 'sec_4__subsec_9', '四（九）', '母婴照护服务机构', NULL, '母婴照护服务机构补贴申请条件', '县人社局', '县财政局、县卫健委、县市场监管局、县教体局、县妇联、各乡镇政府'),
  (14, '生育家庭免费培训', 'sec_4__subsec_10', '四（十）', '培训参加人', NULL, NULL, '县人社局', '县妇联、县商务局、县乡村振兴局、县总工会、县残联、各乡镇政府'),
  (15, '生育补助申请条件', 'annex_2__sec_1', '附件2 一', '家庭', NULL, NULL, '县卫健委', ''),
  (16, '托育机构备案材料', 'annex_2__sec_2', '附件2 二', '托育机构', NULL, NULL, '县卫健委', ''),
  (17, '托育机构备案办理期限', 'annex_2__sec_2', '附件2 二', '托育机构', NULL, NULL, '卫生健康部门', ''),
  (18, '入托补贴申请条件', 'annex_2__sec_3', '附件2 三', '入托幼儿', NULL, NULL, '县财政局、县教体局', ''),
  (19, '母婴照护服务机构补贴申请条件', 'annex_2__sec_4', '附件2 四', '母婴照护服务机构', NULL, NULL, '县人社局', '县卫健委');
DROP TABLE IF EXISTS "zc_luanchuan_结果";
CREATE TABLE "zc_luanchuan_结果" ("措施序号" INTEGER, "结果序号" INTEGER, "结果" TEXT, "类型" TEXT, "单位" TEXT, "周期" TEXT);
INSERT INTO "zc_luanchuan_结果" VALUES
  (0, 0, '继续享受现行奖励扶助和优惠政策', 'bool', '', NULL),
  (1, 0, '生育补助金额', 'money', '元', '一次性'),
  (2, 0, '可领取辅食营养补充品', 'bool', '', NULL),
  (2, 1, '辅食营养补充品总价值', 'money', '元', NULL),
  (3, 0, '建设运营补助金额', 'money', '元', '一次性'),
  (4, 0, '水电气价格执行标准', 'enum', '', NULL),
  (5, 0, '每月扣除标准', 'money', '元', '按月'),
  (6, 0, '入托运营补贴', 'money', '元', '按年'),
  (7, 0, '租房提取限额上浮比例', 'ratio', '%', NULL),
  (8, 0, '租房提取额度与余额可合并计算贷款额度', 'bool', '', NULL),
  (9, 0, '优先享受购房优惠政策', 'bool', '', NULL),
  (10, 0, '国家产假', 'days', '天', NULL),
  (10, 1, '省增加产假', 'months', '个月', NULL),
  (10, 2, '护理假', 'months', '个月', NULL),
  (10, 3, '育儿假', 'days', '天', '按年'),
  (10, 4, '哺乳时间', 'hours', '小时', '每天'),
  (11, 0, '再延长产假', 'months', '个月', NULL),
  (12, 0, '照护假', 'hours', '小时', '每天'),
  (13, 0, '建设补助金额', 'money', '元', '一次性'),
  (14, 0, '免费培训', 'bool', '', NULL),
  (15, 0, '可受理生育补助申请', 'bool', '', NULL),
  (16, 0, '备案材料齐全', 'bool', '', NULL),
  (17, 0, '提供备案回执期限', 'workdays', '工作日', NULL),
  (17, 1, '不符合规范通知期限', 'workdays', '工作日', NULL),
  (17, 2, '提供备案回执截止日', 'date', '', NULL),
  (17, 3, '不符合规范通知截止日', 'date', '', NULL),
  (18, 0, '可受理入托补贴申请', 'bool', '', NULL),
  (19, 0, '可受理母婴照护服务机构补贴申请', 'bool', '', NULL);
DROP VIEW IF EXISTS "zc_luanchuan_决定";
CREATE VIEW "zc_luanchuan_决定" AS
WITH zc_pd AS (
  SELECT "场景" AS zc_sc, CAST(("评估日期") - DATE '1970-01-01' AS INTEGER) AS zc_ed FROM zc_eval
), zc_pv AS (
  SELECT zc_sc, zc_ed, zc_s0, zc_mr, zc_mv, zc_mr OR zc_mv AS zc_maybe, zc_vmiss, zc_vd, zc_md FROM (
    SELECT zc_sc, zc_ed, zc_vd, zc_md, CASE WHEN zc_vd IS NOT NULL AND zc_ed >= zc_vd THEN '已废止' WHEN zc_ed < 19358 THEN '未生效' END AS zc_s0,
      (zc_vd IS NULL OR zc_ed < zc_vd) AND NOT (zc_ed < 19358) AND zc_ed < 19722 AS zc_mr,
      (zc_vd IS NULL OR zc_ed < zc_vd) AND NOT (zc_ed < 19358) AND zc_md IS NOT NULL AND (zc_vd IS NULL OR zc_md < zc_vd) AND zc_ed >= zc_md AS zc_mv,
      CASE WHEN zc_md IS NOT NULL THEN list_sort(list_distinct((SELECT coalesce(flatten(list(CASE WHEN (zc_ev."类别" = '生育支持政策') IS NOT FALSE THEN CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) IS NOT NULL AND 19358 IS NOT NULL AND NOT (FALSE = FALSE AND (19358 <> 19722) = FALSE) AND (CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19722 THEN TRUE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) < 19358 THEN FALSE END) IS NULL THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END)), CAST([] AS VARCHAR[])) FROM zc_events AS zc_ev WHERE zc_ev."场景" = zc_pv0.zc_sc AND (((zc_ev."类别" = '生育支持政策') AND CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19358 ELSE CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19722 THEN TRUE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) < 19358 THEN FALSE END END AND ((zc_ev."级别" = '国家') OR ((zc_ev."级别" = '省') AND (zc_ev."地区" = '河南省')) OR ((zc_ev."级别" = '市') AND (zc_ev."地区" = '洛阳市'))))) IS NULL AND (CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) + 0) = zc_pv0.zc_md))) END AS zc_vmiss
    FROM (SELECT zc_sc, zc_ed, (SELECT min((CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) + 0)) FROM zc_events AS zc_ev WHERE zc_ev."场景" = zc_pd.zc_sc AND (((zc_ev."类别" = '生育支持政策') AND CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19358 ELSE CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19722 THEN TRUE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) < 19358 THEN FALSE END END AND ((zc_ev."级别" = '国家') OR ((zc_ev."级别" = '省') AND (zc_ev."地区" = '河南省')) OR ((zc_ev."级别" = '市') AND (zc_ev."地区" = '洛阳市')))))) AS zc_vd, (SELECT min((CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) + 0)) FROM zc_events AS zc_ev WHERE zc_ev."场景" = zc_pd.zc_sc AND (((zc_ev."类别" = '生育支持政策') AND CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19358 ELSE CASE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) >= 19722 THEN TRUE WHEN CAST((zc_ev."日期") - DATE '1970-01-01' AS INTEGER) < 19358 THEN FALSE END END AND ((zc_ev."级别" = '国家') OR ((zc_ev."级别" = '省') AND (zc_ev."地区" = '河南省')) OR ((zc_ev."级别" = '市') AND (zc_ev."地区" = '洛阳市'))))) IS NULL) AS zc_md FROM zc_pd) AS zc_pv0
  ) AS zc_pv1
), zc_base0 AS NOT MATERIALIZED (
  SELECT CASE WHEN zc_pv.zc_sc IS NULL THEN CAST(error('ZC1207 案件 ' || CAST(zc_c."编号" AS VARCHAR) || ' 的场景 ' || CAST(coalesce(zc_cs."场景", 0) AS VARCHAR) || ' 在 zc_eval 中没有评估日期') AS INTEGER) ELSE zc_c."编号" END AS zc_k, zc_pv.zc_ed, zc_pv.zc_s0, zc_pv.zc_mr, zc_pv.zc_mv, zc_pv.zc_maybe, zc_pv.zc_vmiss, zc_pv.zc_vd, zc_pv.zc_md,
    zc_t0."编号" IS NOT NULL AS zc_p0,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '家庭') AS zc_n0,
    zc_t1."编号" IS NOT NULL AS zc_p1,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '婴幼儿') AS zc_n1,
    zc_t2."编号" IS NOT NULL AS zc_p2,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '托育机构') AS zc_n2,
    zc_t3."编号" IS NOT NULL AS zc_p3,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '入托幼儿') AS zc_n3,
    zc_t4."编号" IS NOT NULL AS zc_p4,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '母婴照护服务机构') AS zc_n4,
    zc_t5."编号" IS NOT NULL AS zc_p5,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '职工') AS zc_n5,
    zc_t6."编号" IS NOT NULL AS zc_p6,
    EXISTS (SELECT 1 FROM "声明不存在" AS zc_x WHERE zc_x."编号" = zc_c."编号" AND zc_x."实体" = '培训参加人') AS zc_n6,
    zc_t0."计划生育证件" AS zc_r0_11,
    zc_t0."夫妻" AS zc_r0_0,
    zc_t0."子女" AS zc_r0_1,
    zc_t1."户籍" AS zc_r1_1,
    CAST((zc_t1."出生日期") - DATE '1970-01-01' AS INTEGER) AS zc_r1_0,
    zc_t2."举办者类别" AS zc_r2_0,
    zc_t2."所在地" AS zc_r2_1,
    CAST((zc_t2."设立日期") - DATE '1970-01-01' AS INTEGER) AS zc_r2_2,
    zc_t2."已在线填写备案书及承诺书" AS zc_r2_3,
    zc_t2."有营业执照或其他法人登记证书" AS zc_r2_4,
    zc_t2."有场地证明" AS zc_r2_5,
    zc_t2."有工作人员专业资格证明及健康合格证明" AS zc_r2_6,
    zc_t2."有评价为合格的卫生评价报告" AS zc_r2_7,
    zc_t2."有消防安全检查合格证明" AS zc_r2_8,
    zc_t2."有法律法规规定的其他相关材料" AS zc_r2_9,
    zc_t2."提供餐饮服务" AS zc_r2_10,
    zc_t2."有食品经营许可证" AS zc_r2_11,
    CAST((zc_t2."收到备案材料日期") - DATE '1970-01-01' AS INTEGER) AS zc_r2_12,
    zc_t2."收到不符合规范的通知" AS zc_r2_13,
    zc_t2."已取得备案回执" AS zc_r2_14,
    zc_t3."父母的其他子女" AS zc_r3_3,
    CAST((zc_t3."出生日期") - DATE '1970-01-01' AS INTEGER) AS zc_r3_0,
    zc_t3."同胎序号" AS zc_r3_1,
    zc_t0."申请租房提取住房公积金" AS zc_r0_3,
    zc_t0."购房类型" AS zc_r0_4,
    zc_t0."居住地" AS zc_r0_2,
    zc_t0."所购住房为商品房" AS zc_r0_5,
    zc_t0."所购住房所在地" AS zc_r0_6,
    CAST((zc_t0."购房日期") - DATE '1970-01-01' AS INTEGER) AS zc_r0_7,
    zc_t5."性别" AS zc_r5_0,
    zc_t5."生育符合法律法规规定" AS zc_r5_3,
    zc_t5."用人单位所在地" AS zc_r5_1,
    zc_t5."子女" AS zc_r5_2,
    zc_t5."哺乳假已满" AS zc_r5_4,
    zc_t4."举办者类别" AS zc_r4_0,
    zc_t4."所在地" AS zc_r4_1,
    CAST((zc_t4."开办日期") - DATE '1970-01-01' AS INTEGER) AS zc_r4_2,
    zc_t4."具有独立法人资质" AS zc_r4_3,
    zc_t4."取得经营许可相关证照" AS zc_r4_4,
    zc_t4."有场地证明" AS zc_r4_5,
    zc_t4."工作人员有健康合格证明" AS zc_r4_6,
    zc_t4."有消防安全检查合格证明" AS zc_r4_7,
    zc_t4."提供餐饮服务" AS zc_r4_8,
    zc_t4."有食品经营许可证" AS zc_r4_9,
    zc_t4."在卫生行政部门备案合格" AS zc_r4_10,
    zc_t6."子女" AS zc_r6_0,
    zc_t6."自愿参加" AS zc_r6_1,
    zc_t6."培训由县人社局开展" AS zc_r6_3,
    zc_t6."培训类别" AS zc_r6_2,
    zc_t0."已网上登记并保存三孩生育证" AS zc_r0_8,
    zc_t0."有医院出具的三孩出生证明" AS zc_r0_9,
    zc_t0."有户口簿" AS zc_r0_10,
    zc_t3."户籍" AS zc_r3_2,
    zc_t3."有缴费凭证及考勤表" AS zc_r3_4
  FROM "案件" AS zc_c
  LEFT JOIN zc_case_scenario AS zc_cs ON zc_cs."编号" = zc_c."编号"
  LEFT JOIN zc_pv ON zc_pv.zc_sc = coalesce(zc_cs."场景", 0)
  LEFT JOIN "家庭" AS zc_t0 ON zc_t0."编号" = zc_c."编号"
  LEFT JOIN "婴幼儿" AS zc_t1 ON zc_t1."编号" = zc_c."编号"
  LEFT JOIN "托育机构" AS zc_t2 ON zc_t2."编号" = zc_c."编号"
  LEFT JOIN "入托幼儿" AS zc_t3 ON zc_t3."编号" = zc_c."编号"
  LEFT JOIN "母婴照护服务机构" AS zc_t4 ON zc_t4."编号" = zc_c."编号"
  LEFT JOIN "职工" AS zc_t5 ON zc_t5."编号" = zc_c."编号"
  LEFT JOIN "培训参加人" AS zc_t6 ON zc_t6."编号" = zc_c."编号"
),
zc_l0 AS (
  SELECT zc_k, zc_n0, zc_p0, zc_p3, zc_p5, zc_r0_1, zc_r3_0, zc_r3_1, zc_r5_2 FROM zc_base0
),
zc_g0_0 AS (
  SELECT zc_l.zc_k AS zc_gk,
    CASE WHEN bool_or(((zc_e."证件类别" = '独生子女父母光荣证') AND (CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) < 16801))) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN TRUE WHEN bool_or((((zc_e."证件类别" = '独生子女父母光荣证') AND (CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) < 16801))) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE FALSE END AS zc_h0,
    coalesce(flatten(list_transform(list_filter(list({'o': zc_e."序号", 'm': list_concat(CASE WHEN zc_e."证件类别" IS NULL THEN ['家庭' || '.计划生育证件' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.证件类别'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_e."证件类别" = '独生子女父母光荣证') IS NOT FALSE THEN CASE WHEN CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['家庭' || '.计划生育证件' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.发证日期'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END)}) FILTER (WHERE zc_e."编号" IS NOT NULL), lambda zc_x: zc_x.o <= coalesce(min(zc_e."序号") FILTER (WHERE zc_e."编号" IS NOT NULL AND ((((zc_e."证件类别" = '独生子女父母光荣证') AND (CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) < 16801))) IS TRUE)), 2147483647)), lambda zc_x: zc_x.m)), CAST([] AS VARCHAR[])) AS zc_h1,
    CASE WHEN bool_or(((zc_e."证件类别" = '农村计划生育双女家庭证明') AND (CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) < 16801))) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN TRUE WHEN bool_or((((zc_e."证件类别" = '农村计划生育双女家庭证明') AND (CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) < 16801))) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE FALSE END AS zc_h2,
    coalesce(flatten(list_transform(list_filter(list({'o': zc_e."序号", 'm': list_concat(CASE WHEN zc_e."证件类别" IS NULL THEN ['家庭' || '.计划生育证件' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.证件类别'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_e."证件类别" = '农村计划生育双女家庭证明') IS NOT FALSE THEN CASE WHEN CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['家庭' || '.计划生育证件' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.发证日期'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END)}) FILTER (WHERE zc_e."编号" IS NOT NULL), lambda zc_x: zc_x.o <= coalesce(min(zc_e."序号") FILTER (WHERE zc_e."编号" IS NOT NULL AND ((((zc_e."证件类别" = '农村计划生育双女家庭证明') AND (CAST((zc_e."发证日期") - DATE '1970-01-01' AS INTEGER) < 16801))) IS TRUE)), 2147483647)), lambda zc_x: zc_x.m)), CAST([] AS VARCHAR[])) AS zc_h3
  FROM zc_l0 AS zc_l LEFT JOIN "家庭.计划生育证件" AS zc_e ON zc_e."编号" = zc_l.zc_k
  GROUP BY zc_l.zc_k
),
zc_g0_1 AS (
  SELECT zc_l.zc_k AS zc_gk,
    CASE WHEN bool_or((zc_e."户籍" = '栾川县')) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN TRUE WHEN bool_or(((zc_e."户籍" = '栾川县')) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE FALSE END AS zc_h4,
    coalesce(flatten(list_transform(list_filter(list({'o': zc_e."序号", 'm': CASE WHEN zc_e."户籍" IS NULL THEN ['家庭' || '.夫妻' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.户籍'] ELSE CAST([] AS VARCHAR[]) END}) FILTER (WHERE zc_e."编号" IS NOT NULL), lambda zc_x: zc_x.o <= coalesce(min(zc_e."序号") FILTER (WHERE zc_e."编号" IS NOT NULL AND (((zc_e."户籍" = '栾川县')) IS TRUE)), 2147483647)), lambda zc_x: zc_x.m)), CAST([] AS VARCHAR[])) AS zc_h5,
    CASE WHEN bool_or(zc_e."缴存住房公积金") FILTER (WHERE zc_e."编号" IS NOT NULL) THEN TRUE WHEN bool_or((zc_e."缴存住房公积金") IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE FALSE END AS zc_h14,
    coalesce(flatten(list_transform(list_filter(list({'o': zc_e."序号", 'm': CASE WHEN zc_e."缴存住房公积金" IS NULL THEN ['家庭' || '.夫妻' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.缴存住房公积金'] ELSE CAST([] AS VARCHAR[]) END}) FILTER (WHERE zc_e."编号" IS NOT NULL), lambda zc_x: zc_x.o <= coalesce(min(zc_e."序号") FILTER (WHERE zc_e."编号" IS NOT NULL AND ((zc_e."缴存住房公积金") IS TRUE)), 2147483647)), lambda zc_x: zc_x.m)), CAST([] AS VARCHAR[])) AS zc_h15
  FROM zc_l0 AS zc_l LEFT JOIN "家庭.夫妻" AS zc_e ON zc_e."编号" = zc_l.zc_k
  GROUP BY zc_l.zc_k
),
zc_g0_2 AS (
  SELECT zc_e.zc_k AS zc_gk,
    CASE WHEN bool_or(((zc_e."户籍" = '栾川县')) IS FALSE) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN FALSE WHEN bool_or(((zc_e."户籍" = '栾川县')) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE TRUE END AS zc_h6,
    coalesce(flatten(list_transform(list_filter(list({'o': zc_e."序号", 'm': CASE WHEN zc_e."户籍" IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.户籍'] ELSE CAST([] AS VARCHAR[]) END}) FILTER (WHERE zc_e."编号" IS NOT NULL), lambda zc_x: zc_x.o <= coalesce(min(zc_e."序号") FILTER (WHERE zc_e."编号" IS NOT NULL AND (((zc_e."户籍" = '栾川县')) IS FALSE)), 2147483647)), lambda zc_x: zc_x.m)), CAST([] AS VARCHAR[])) AS zc_h7,
    CASE WHEN bool_or(((((CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN struct_extract(zc_x0, 'v0') END + 1) >= 3) AND CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) >= 19358 ELSE CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) >= 19722 THEN TRUE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < 19358 THEN FALSE END END)) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE count(*) FILTER (WHERE zc_e."编号" IS NOT NULL AND ((((CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN struct_extract(zc_x0, 'v0') END + 1) >= 3) AND CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) >= 19358 ELSE CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) >= 19722 THEN TRUE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < 19358 THEN FALSE END END))) END AS zc_h8,
    coalesce(flatten(list(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p0 OR zc_r0_1 IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.子女（输入声明没有「家庭」）' ELSE '家庭.子女' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN struct_extract(zc_x0, 'v1') ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN struct_extract(zc_x0, 'v0') END + 1) >= 3) IS NOT FALSE THEN CASE WHEN TRUE THEN list_concat(CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NOT NULL AND 19358 IS NOT NULL AND NOT (FALSE = FALSE AND (19358 <> 19722) = FALSE) AND (CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) >= 19722 THEN TRUE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < 19358 THEN FALSE END) IS NULL THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END)) FILTER (WHERE zc_e."编号" IS NOT NULL)), CAST([] AS VARCHAR[])) AS zc_h9,
    CASE WHEN bool_or((zc_e."健在") IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE count(*) FILTER (WHERE zc_e."编号" IS NOT NULL AND (zc_e."健在")) END AS zc_h12,
    coalesce(flatten(list(CASE WHEN zc_e."健在" IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.健在'] ELSE CAST([] AS VARCHAR[]) END) FILTER (WHERE zc_e."编号" IS NOT NULL)), CAST([] AS VARCHAR[])) AS zc_h13
  FROM (
    SELECT zc_l.*, zc_e.*, (SELECT {'v0': CASE WHEN bool_or((((CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) < CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) OR ((CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) = CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) AND (zc_qq0."同胎序号" < zc_e."同胎序号")))) IS NULL) THEN NULL ELSE count(*) FILTER (WHERE ((CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) < CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) OR ((CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) = CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) AND (zc_qq0."同胎序号" < zc_e."同胎序号")))) END, 'v1': coalesce(flatten(list(list_concat(CASE WHEN CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_qq0."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) < CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) IS NOT TRUE THEN list_concat(CASE WHEN CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_qq0."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) = CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) IS NOT FALSE THEN list_concat(CASE WHEN zc_qq0."同胎序号" IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_qq0."序号" AS VARCHAR) || ']' || '.同胎序号'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_e."同胎序号" IS NULL THEN ['家庭' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.同胎序号'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[]))} FROM "家庭.子女" AS zc_qq0 WHERE zc_qq0."编号" = zc_k) AS zc_x0
    FROM zc_l0 AS zc_l LEFT JOIN "家庭.子女" AS zc_e ON zc_e."编号" = zc_l.zc_k
  ) AS zc_e
  GROUP BY zc_e.zc_k
),
zc_g0_3 AS (
  SELECT zc_l.zc_k AS zc_gk,
    CASE WHEN bool_or((((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < CASE WHEN zc_p3 THEN zc_r3_0 END) OR ((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) = CASE WHEN zc_p3 THEN zc_r3_0 END) AND (zc_e."同胎序号" < CASE WHEN zc_p3 THEN zc_r3_1 END)))) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE count(*) FILTER (WHERE zc_e."编号" IS NOT NULL AND (((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < CASE WHEN zc_p3 THEN zc_r3_0 END) OR ((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) = CASE WHEN zc_p3 THEN zc_r3_0 END) AND (zc_e."同胎序号" < CASE WHEN zc_p3 THEN zc_r3_1 END))))) END AS zc_h10,
    coalesce(flatten(list(list_concat(CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['入托幼儿' || '.父母的其他子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p3 THEN zc_r3_0 END IS NULL AND zc_p3 THEN ['入托幼儿' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < CASE WHEN zc_p3 THEN zc_r3_0 END) IS NOT TRUE THEN list_concat(CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['入托幼儿' || '.父母的其他子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p3 THEN zc_r3_0 END IS NULL AND zc_p3 THEN ['入托幼儿' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) = CASE WHEN zc_p3 THEN zc_r3_0 END) IS NOT FALSE THEN list_concat(CASE WHEN zc_e."同胎序号" IS NULL THEN ['入托幼儿' || '.父母的其他子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.同胎序号'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p3 THEN zc_r3_1 END IS NULL AND zc_p3 THEN ['入托幼儿' || '.同胎序号'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END)) FILTER (WHERE zc_e."编号" IS NOT NULL)), CAST([] AS VARCHAR[])) AS zc_h11
  FROM zc_l0 AS zc_l LEFT JOIN "入托幼儿.父母的其他子女" AS zc_e ON zc_e."编号" = zc_l.zc_k
  GROUP BY zc_l.zc_k
),
zc_g0_4 AS (
  SELECT zc_e.zc_k AS zc_gk,
    CASE WHEN count(*) FILTER (WHERE zc_e."编号" IS NOT NULL) = 0 OR bool_or((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE max(CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER)) FILTER (WHERE zc_e."编号" IS NOT NULL) END AS zc_h16,
    coalesce(flatten(list(CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['职工' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END) FILTER (WHERE zc_e."编号" IS NOT NULL)), CAST([] AS VARCHAR[])) AS zc_h17,
    count(*) FILTER (WHERE zc_e."编号" IS NOT NULL) AS zc_h18,
    CASE WHEN bool_or(((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) = CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN struct_extract(zc_x0, 'v0') END END)) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE count(*) FILTER (WHERE zc_e."编号" IS NOT NULL AND ((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) = CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN struct_extract(zc_x0, 'v0') END END))) END AS zc_h19,
    coalesce(flatten(list(list_concat(CASE WHEN CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['职工' || '.子女' || '[' || CAST(zc_e."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN struct_extract(zc_x0, 'v1') ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) AND struct_extract(zc_x0, 'v2') = 0 THEN ['职工' || '.子女' || '（列表为空，没有最大值）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END)) FILTER (WHERE zc_e."编号" IS NOT NULL)), CAST([] AS VARCHAR[])) AS zc_h20,
    CASE WHEN bool_or(((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN struct_extract(zc_x0, 'v0') END END)) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE count(*) FILTER (WHERE zc_e."编号" IS NOT NULL AND ((CAST((zc_e."出生日期") - DATE '1970-01-01' AS INTEGER) < CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN struct_extract(zc_x0, 'v0') END END))) END AS zc_h21
  FROM (
    SELECT zc_l.*, zc_e.*, (SELECT {'v0': CASE WHEN count(*) = 0 OR bool_or((CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER)) IS NULL) THEN NULL ELSE max(CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER)) END, 'v1': coalesce(flatten(list(CASE WHEN CAST((zc_qq0."出生日期") - DATE '1970-01-01' AS INTEGER) IS NULL THEN ['职工' || '.子女' || '[' || CAST(zc_qq0."序号" AS VARCHAR) || ']' || '.出生日期'] ELSE CAST([] AS VARCHAR[]) END)), CAST([] AS VARCHAR[])), 'v2': count(*)} FROM "职工.子女" AS zc_qq0 WHERE zc_qq0."编号" = zc_k) AS zc_x0
    FROM zc_l0 AS zc_l LEFT JOIN "职工.子女" AS zc_e ON zc_e."编号" = zc_l.zc_k
  ) AS zc_e
  GROUP BY zc_e.zc_k
),
zc_g0_5 AS (
  SELECT zc_l.zc_k AS zc_gk,
    CASE WHEN bool_or((TRUE) IS NULL) FILTER (WHERE zc_e."编号" IS NOT NULL) THEN NULL ELSE count(*) FILTER (WHERE zc_e."编号" IS NOT NULL AND (TRUE)) END AS zc_h22
  FROM zc_l0 AS zc_l LEFT JOIN "培训参加人.子女" AS zc_e ON zc_e."编号" = zc_l.zc_k
  GROUP BY zc_l.zc_k
),
zc_l1 AS (
  SELECT zc_l0.*,
    zc_g0_0.zc_h0,
    zc_g0_0.zc_h1,
    zc_g0_0.zc_h2,
    zc_g0_0.zc_h3,
    zc_g0_1.zc_h4,
    zc_g0_1.zc_h5,
    zc_g0_1.zc_h14,
    zc_g0_1.zc_h15,
    zc_g0_2.zc_h6,
    zc_g0_2.zc_h7,
    zc_g0_2.zc_h8,
    zc_g0_2.zc_h9,
    zc_g0_2.zc_h12,
    zc_g0_2.zc_h13,
    zc_g0_3.zc_h10,
    zc_g0_3.zc_h11,
    zc_g0_4.zc_h16,
    zc_g0_4.zc_h17,
    zc_g0_4.zc_h18,
    zc_g0_4.zc_h19,
    zc_g0_4.zc_h20,
    zc_g0_4.zc_h21,
    zc_g0_5.zc_h22
  FROM zc_l0 JOIN zc_g0_0 ON zc_g0_0.zc_gk = zc_l0.zc_k JOIN zc_g0_1 ON zc_g0_1.zc_gk = zc_l0.zc_k JOIN zc_g0_2 ON zc_g0_2.zc_gk = zc_l0.zc_k JOIN zc_g0_3 ON zc_g0_3.zc_gk = zc_l0.zc_k JOIN zc_g0_4 ON zc_g0_4.zc_gk = zc_l0.zc_k JOIN zc_g0_5 ON zc_g0_5.zc_gk = zc_l0.zc_k
),
zc_base AS (
  SELECT zc_base0.*, zc_l1.zc_h0, zc_l1.zc_h1, zc_l1.zc_h2, zc_l1.zc_h3, zc_l1.zc_h4, zc_l1.zc_h5, zc_l1.zc_h6, zc_l1.zc_h7, zc_l1.zc_h8, zc_l1.zc_h9, zc_l1.zc_h10, zc_l1.zc_h11, zc_l1.zc_h12, zc_l1.zc_h13, zc_l1.zc_h14, zc_l1.zc_h15, zc_l1.zc_h16, zc_l1.zc_h17, zc_l1.zc_h18, zc_l1.zc_h19, zc_l1.zc_h20, zc_l1.zc_h21, zc_l1.zc_h22
  FROM zc_base0 JOIN zc_l1 ON zc_l1.zc_k = zc_base0.zc_k
),
zc_m0a AS (
  SELECT zc_base.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN (CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_11 IS NOT NULL) THEN zc_h0 END END OR CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_11 IS NOT NULL) THEN zc_h2 END END) ELSE FALSE END AS m0_a0
  FROM zc_base
),
zc_m0b AS (
  SELECT zc_m0a.*,
    CASE WHEN ((m0_a0 IS NOT FALSE) AND m0_a0 IS TRUE) THEN TRUE END AS m0_v0_0
  FROM zc_m0a
),
zc_m0c AS (
  SELECT zc_m0b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND (((m0_a0 IS NOT FALSE) AND m0_a0 IS TRUE)) AND NOT (((m0_a0 IS NOT FALSE) AND m0_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m0_a0 IS NOT FALSE) AND m0_a0 IS TRUE) THEN m0_v0_0 END END AS m0_would0,
    (zc_s0 IS NULL AND NOT zc_n0) AND ((((m0_a0 IS NOT FALSE) AND m0_a0 IS NULL)) OR FALSE OR ((((m0_a0 IS NOT FALSE) AND m0_a0 IS TRUE)) AND FALSE) OR ((((m0_a0 IS NOT FALSE) AND m0_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m0_a0 IS NOT FALSE) AND m0_a0 IS TRUE) THEN m0_v0_0 END IS NULL OR FALSE))) AS m0_dbt
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
    CASE WHEN m0_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_11 IS NULL THEN ['家庭' || '.计划生育证件'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_11 IS NOT NULL) THEN zc_h1 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_11 IS NULL THEN ['家庭' || '.计划生育证件'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_11 IS NOT NULL) THEN zc_h3 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 AND m0_状态 <> '不适用' THEN ['家庭'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m0_缺少
  FROM zc_m0d
),
zc_m1a AS (
  SELECT zc_m0e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN (CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h4 END END AND CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h6 END END AND (CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h8 END END >= 1)) ELSE FALSE END AS m1_a0
  FROM zc_m0e
),
zc_m1b AS (
  SELECT zc_m1a.*,
    CASE WHEN ((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE) THEN (100000 * CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h8 END END) END AS m1_v0_0
  FROM zc_m1a
),
zc_m1c AS (
  SELECT zc_m1b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND (((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE)) AND NOT (((m1_a0 IS NOT FALSE) AND m1_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE) THEN m1_v0_0 END END AS m1_would0,
    (zc_s0 IS NULL AND NOT zc_n0) AND ((((m1_a0 IS NOT FALSE) AND m1_a0 IS NULL)) OR FALSE OR ((((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE)) AND FALSE) OR ((((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE) THEN m1_v0_0 END IS NULL OR FALSE))) AS m1_dbt
  FROM zc_m1b
),
zc_m1r AS (
  SELECT zc_m1c.*,
    CASE WHEN zc_p0 THEN m1_would0 END AS m1_raw0
  FROM zc_m1c
),
zc_m1d AS (
  SELECT zc_m1r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n0 THEN '不适用' WHEN m1_dbt THEN '存疑' WHEN m1_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p0 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m1_状态
  FROM zc_m1r
),
zc_m1e AS (
  SELECT zc_m1d.*,
    CASE WHEN m1_状态 = '存疑' AND zc_maybe THEN NULL ELSE m1_raw0 END AS m1_0,
    CASE WHEN m1_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_0 IS NULL THEN ['家庭' || '.夫妻'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h5 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h7 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h9 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m1_a0 IS NOT FALSE) AND m1_a0 IS TRUE) THEN list_concat(CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h9 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 AND m1_状态 <> '不适用' THEN ['家庭'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m1_缺少
  FROM zc_m1d
),
zc_m2a AS (
  SELECT zc_m1e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n1) AND TRUE THEN (CASE WHEN zc_p1 THEN (CASE WHEN zc_p1 THEN zc_r1_1 END = '栾川县') END AND (zc_months_of_age(CASE WHEN zc_p1 THEN zc_r1_0 END, zc_ed) >= 6) AND (zc_years_of_age(CASE WHEN zc_p1 THEN zc_r1_0 END, zc_ed) < 2)) ELSE FALSE END AS m2_a0
  FROM zc_m1e
),
zc_m2b AS (
  SELECT zc_m2a.*,
    CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN TRUE END AS m2_v0_0,
    CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN 29800 END AS m2_v1_0
  FROM zc_m2a
),
zc_m2c AS (
  SELECT zc_m2b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n1) AND (((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND NOT (((m2_a0 IS NOT FALSE) AND m2_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN m2_v0_0 END END AS m2_would0,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n1) AND (((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND NOT (((m2_a0 IS NOT FALSE) AND m2_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN m2_v1_0 END END AS m2_would1,
    (zc_s0 IS NULL AND NOT zc_n1) AND ((((m2_a0 IS NOT FALSE) AND m2_a0 IS NULL)) OR FALSE OR ((((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND FALSE) OR ((((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN m2_v0_0 END IS NULL OR FALSE)) OR (((m2_a0 IS NOT FALSE) AND m2_a0 IS NULL)) OR FALSE OR ((((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND FALSE) OR ((((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m2_a0 IS NOT FALSE) AND m2_a0 IS TRUE) THEN m2_v1_0 END IS NULL OR FALSE))) AS m2_dbt
  FROM zc_m2b
),
zc_m2r AS (
  SELECT zc_m2c.*,
    CASE WHEN zc_p1 THEN m2_would0 END AS m2_raw0,
    CASE WHEN zc_p1 THEN m2_would1 END AS m2_raw1
  FROM zc_m2c
),
zc_m2d AS (
  SELECT zc_m2r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n1 THEN '不适用' WHEN m2_dbt THEN '存疑' WHEN m2_would0 IS NOT NULL OR m2_would1 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p1 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m2_状态
  FROM zc_m2r
),
zc_m2e AS (
  SELECT zc_m2d.*,
    CASE WHEN m2_状态 = '存疑' AND zc_maybe THEN NULL ELSE m2_raw0 END AS m2_0,
    CASE WHEN m2_状态 = '存疑' AND zc_maybe THEN NULL ELSE m2_raw1 END AS m2_1,
    CASE WHEN m2_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p1 THEN [CASE WHEN zc_n1 THEN '婴幼儿（输入声明没有「婴幼儿」）' ELSE '婴幼儿' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p1 THEN CASE WHEN CASE WHEN zc_p1 THEN zc_r1_1 END IS NULL AND zc_p1 THEN ['婴幼儿' || '.户籍'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p1 THEN zc_r1_0 END IS NULL THEN [CASE WHEN zc_n1 THEN '婴幼儿.出生日期（输入声明没有「婴幼儿」）' ELSE '婴幼儿.出生日期' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p1 THEN zc_r1_0 END IS NULL THEN [CASE WHEN zc_n1 THEN '婴幼儿.出生日期（输入声明没有「婴幼儿」）' ELSE '婴幼儿.出生日期' END] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p1 AND m2_状态 <> '不适用' THEN ['婴幼儿'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m2_缺少
  FROM zc_m2d
),
zc_m3a AS (
  SELECT zc_m2e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND TRUE THEN (CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN zc_r2_0 END <> '机关或事业单位') END AND (CASE WHEN zc_p2 THEN zc_r2_1 END = '栾川县') AND CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_2 END IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CASE WHEN zc_p2 THEN zc_r2_2 END >= 19358 ELSE CASE WHEN CASE WHEN zc_p2 THEN zc_r2_2 END >= 19722 THEN TRUE WHEN CASE WHEN zc_p2 THEN zc_r2_2 END < 19358 THEN FALSE END END END AND CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN zc_r2_3 END AND CASE WHEN zc_p2 THEN zc_r2_4 END AND CASE WHEN zc_p2 THEN zc_r2_5 END AND CASE WHEN zc_p2 THEN zc_r2_6 END AND CASE WHEN zc_p2 THEN zc_r2_7 END AND CASE WHEN zc_p2 THEN zc_r2_8 END AND CASE WHEN zc_p2 THEN zc_r2_9 END AND ((NOT CASE WHEN zc_p2 THEN zc_r2_10 END) OR CASE WHEN zc_p2 THEN zc_r2_11 END)) END AND CASE WHEN zc_p2 THEN ((zc_ed > CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_12 END IS NULL OR 15 IS NULL THEN NULL ELSE zc_workday_deadline(CASE WHEN zc_p2 THEN zc_r2_12 END, 15) END END) AND (NOT CASE WHEN zc_p2 THEN zc_r2_13 END)) END) END) ELSE FALSE END AS m3_a0
  FROM zc_m2e
),
zc_m3b AS (
  SELECT zc_m3a.*,
    CASE WHEN ((m3_a0 IS NOT FALSE) AND m3_a0 IS TRUE) THEN 1000000 END AS m3_v0_0
  FROM zc_m3a
),
zc_m3c AS (
  SELECT zc_m3b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m3_a0 IS NOT FALSE) AND m3_a0 IS TRUE)) AND NOT (((m3_a0 IS NOT FALSE) AND m3_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m3_a0 IS NOT FALSE) AND m3_a0 IS TRUE) THEN m3_v0_0 END END AS m3_would0,
    (zc_s0 IS NULL AND NOT zc_n2) AND ((((m3_a0 IS NOT FALSE) AND m3_a0 IS NULL)) OR FALSE OR ((((m3_a0 IS NOT FALSE) AND m3_a0 IS TRUE)) AND FALSE) OR ((((m3_a0 IS NOT FALSE) AND m3_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m3_a0 IS NOT FALSE) AND m3_a0 IS TRUE) THEN m3_v0_0 END IS NULL OR FALSE))) AS m3_dbt
  FROM zc_m3b
),
zc_m3r AS (
  SELECT zc_m3c.*,
    CASE WHEN zc_p2 THEN m3_would0 END AS m3_raw0
  FROM zc_m3c
),
zc_m3d AS (
  SELECT zc_m3r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n2 THEN '不适用' WHEN m3_dbt THEN '存疑' WHEN m3_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p2 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m3_状态
  FROM zc_m3r
),
zc_m3e AS (
  SELECT zc_m3d.*,
    CASE WHEN m3_状态 = '存疑' AND zc_maybe THEN NULL ELSE m3_raw0 END AS m3_0,
    CASE WHEN m3_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_0 END IS NULL AND zc_p2 THEN ['托育机构' || '.举办者类别'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_1 END IS NULL THEN [CASE WHEN zc_n2 THEN '托育机构.所在地（输入声明没有「托育机构」）' ELSE '托育机构.所在地' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_2 END IS NULL AND zc_p2 THEN ['托育机构' || '.设立日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_2 END IS NOT NULL AND 19358 IS NOT NULL AND NOT (FALSE = FALSE AND (19358 <> 19722) = FALSE) AND (CASE WHEN CASE WHEN zc_p2 THEN zc_r2_2 END >= 19722 THEN TRUE WHEN CASE WHEN zc_p2 THEN zc_r2_2 END < 19358 THEN FALSE END) IS NULL THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN list_concat(CASE WHEN zc_p2 THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_3 END IS NULL AND zc_p2 THEN ['托育机构' || '.已在线填写备案书及承诺书'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_3 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NULL AND zc_p2 THEN ['托育机构' || '.有营业执照或其他法人登记证书'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_5 END IS NULL AND zc_p2 THEN ['托育机构' || '.有场地证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_5 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_6 END IS NULL AND zc_p2 THEN ['托育机构' || '.有工作人员专业资格证明及健康合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_6 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_7 END IS NULL AND zc_p2 THEN ['托育机构' || '.有评价为合格的卫生评价报告'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_7 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_8 END IS NULL AND zc_p2 THEN ['托育机构' || '.有消防安全检查合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_8 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_9 END IS NULL AND zc_p2 THEN ['托育机构' || '.有法律法规规定的其他相关材料'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_9 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_10 END IS NULL AND zc_p2 THEN ['托育机构' || '.提供餐饮服务'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (NOT CASE WHEN zc_p2 THEN zc_r2_10 END) IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_11 END IS NULL AND zc_p2 THEN ['托育机构' || '.有食品经营许可证'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN zc_r2_3 END AND CASE WHEN zc_p2 THEN zc_r2_4 END AND CASE WHEN zc_p2 THEN zc_r2_5 END AND CASE WHEN zc_p2 THEN zc_r2_6 END AND CASE WHEN zc_p2 THEN zc_r2_7 END AND CASE WHEN zc_p2 THEN zc_r2_8 END AND CASE WHEN zc_p2 THEN zc_r2_9 END AND ((NOT CASE WHEN zc_p2 THEN zc_r2_10 END) OR CASE WHEN zc_p2 THEN zc_r2_11 END)) END IS NOT FALSE THEN CASE WHEN zc_p2 THEN list_concat(CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_12 END IS NULL AND zc_p2 THEN ['托育机构' || '.收到备案材料日期'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_ed > CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_12 END IS NULL OR 15 IS NULL THEN NULL ELSE zc_workday_deadline(CASE WHEN zc_p2 THEN zc_r2_12 END, 15) END END) IS NOT FALSE THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_13 END IS NULL AND zc_p2 THEN ['托育机构' || '.收到不符合规范的通知'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 AND m3_状态 <> '不适用' THEN ['托育机构'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m3_缺少
  FROM zc_m3d
),
zc_m4a AS (
  SELECT zc_m3e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND TRUE THEN (CASE WHEN zc_p2 THEN zc_r2_1 END = '栾川县') ELSE FALSE END AS m4_a0
  FROM zc_m3e
),
zc_m4b AS (
  SELECT zc_m4a.*,
    CASE WHEN ((m4_a0 IS NOT FALSE) AND m4_a0 IS TRUE) THEN '执行居民价格的非居民用户标准' END AS m4_v0_0
  FROM zc_m4a
),
zc_m4c AS (
  SELECT zc_m4b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m4_a0 IS NOT FALSE) AND m4_a0 IS TRUE)) AND NOT (((m4_a0 IS NOT FALSE) AND m4_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m4_a0 IS NOT FALSE) AND m4_a0 IS TRUE) THEN m4_v0_0 END END AS m4_would0,
    (zc_s0 IS NULL AND NOT zc_n2) AND ((((m4_a0 IS NOT FALSE) AND m4_a0 IS NULL)) OR FALSE OR ((((m4_a0 IS NOT FALSE) AND m4_a0 IS TRUE)) AND FALSE) OR ((((m4_a0 IS NOT FALSE) AND m4_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m4_a0 IS NOT FALSE) AND m4_a0 IS TRUE) THEN m4_v0_0 END IS NULL OR FALSE))) AS m4_dbt
  FROM zc_m4b
),
zc_m4r AS (
  SELECT zc_m4c.*,
    CASE WHEN zc_p2 THEN m4_would0 END AS m4_raw0
  FROM zc_m4c
),
zc_m4d AS (
  SELECT zc_m4r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n2 THEN '不适用' WHEN m4_dbt THEN '存疑' WHEN m4_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p2 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m4_状态
  FROM zc_m4r
),
zc_m4e AS (
  SELECT zc_m4d.*,
    CASE WHEN m4_状态 = '存疑' AND zc_maybe THEN NULL ELSE m4_raw0 END AS m4_0,
    CASE WHEN m4_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_1 END IS NULL THEN [CASE WHEN zc_n2 THEN '托育机构.所在地（输入声明没有「托育机构」）' ELSE '托育机构.所在地' END] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 AND m4_状态 <> '不适用' THEN ['托育机构'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m4_缺少
  FROM zc_m4d
),
zc_m5a AS (
  SELECT zc_m4e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n1) AND TRUE THEN (zc_years_of_age(CASE WHEN zc_p1 THEN zc_r1_0 END, zc_ed) < 3) ELSE FALSE END AS m5_a0
  FROM zc_m4e
),
zc_m5b AS (
  SELECT zc_m5a.*,
    CASE WHEN ((m5_a0 IS NOT FALSE) AND m5_a0 IS TRUE) THEN CASE WHEN zc_ed >= 19358 THEN 200000 WHEN zc_ed >= 18993 THEN 100000 END END AS m5_v0_0
  FROM zc_m5a
),
zc_m5c AS (
  SELECT zc_m5b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n1) AND (((m5_a0 IS NOT FALSE) AND m5_a0 IS TRUE)) AND NOT (((m5_a0 IS NOT FALSE) AND m5_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m5_a0 IS NOT FALSE) AND m5_a0 IS TRUE) THEN m5_v0_0 END END AS m5_would0,
    (zc_s0 IS NULL AND NOT zc_n1) AND ((((m5_a0 IS NOT FALSE) AND m5_a0 IS NULL)) OR FALSE OR ((((m5_a0 IS NOT FALSE) AND m5_a0 IS TRUE)) AND FALSE) OR ((((m5_a0 IS NOT FALSE) AND m5_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m5_a0 IS NOT FALSE) AND m5_a0 IS TRUE) THEN m5_v0_0 END IS NULL OR FALSE))) AS m5_dbt
  FROM zc_m5b
),
zc_m5r AS (
  SELECT zc_m5c.*,
    CASE WHEN zc_p1 THEN m5_would0 END AS m5_raw0
  FROM zc_m5c
),
zc_m5d AS (
  SELECT zc_m5r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n1 THEN '不适用' WHEN m5_dbt THEN '存疑' WHEN m5_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p1 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m5_状态
  FROM zc_m5r
),
zc_m5e AS (
  SELECT zc_m5d.*,
    CASE WHEN m5_状态 = '存疑' AND zc_maybe THEN NULL ELSE m5_raw0 END AS m5_0,
    CASE WHEN m5_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN CASE WHEN CASE WHEN zc_p1 THEN zc_r1_0 END IS NULL THEN [CASE WHEN zc_n1 THEN '婴幼儿.出生日期（输入声明没有「婴幼儿」）' ELSE '婴幼儿.出生日期' END] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m5_a0 IS NOT FALSE) AND m5_a0 IS TRUE) THEN CASE WHEN zc_ed < 18993 THEN ['参数 婴幼儿照护专项附加扣除标准（' || strftime(DATE '1970-01-01' + CAST(zc_ed AS INTEGER), '%Y-%m-%d') || ' 无取值）'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p1 AND m5_状态 <> '不适用' THEN ['婴幼儿'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m5_缺少
  FROM zc_m5d
),
zc_m6a AS (
  SELECT zc_m5e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n3) AND TRUE THEN (CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN zc_r2_0 END <> '机关或事业单位') END AND (CASE WHEN zc_p2 THEN zc_r2_1 END = '栾川县') AND CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN zc_r2_4 END AND CASE WHEN zc_p2 THEN zc_r2_14 END AND CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN zc_r2_3 END AND CASE WHEN zc_p2 THEN zc_r2_4 END AND CASE WHEN zc_p2 THEN zc_r2_5 END AND CASE WHEN zc_p2 THEN zc_r2_6 END AND CASE WHEN zc_p2 THEN zc_r2_7 END AND CASE WHEN zc_p2 THEN zc_r2_8 END AND CASE WHEN zc_p2 THEN zc_r2_9 END AND ((NOT CASE WHEN zc_p2 THEN zc_r2_10 END) OR CASE WHEN zc_p2 THEN zc_r2_11 END)) END) END AND (CASE WHEN zc_p3 THEN (CASE WHEN (zc_p3 AND zc_r3_3 IS NOT NULL) THEN zc_h10 END + 1) END >= 3)) ELSE FALSE END AS m6_a0
  FROM zc_m5e
),
zc_m6b AS (
  SELECT zc_m6a.*,
    CASE WHEN ((m6_a0 IS NOT FALSE) AND m6_a0 IS TRUE) THEN 100000 END AS m6_v0_0
  FROM zc_m6a
),
zc_m6c AS (
  SELECT zc_m6b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n3) AND (((m6_a0 IS NOT FALSE) AND m6_a0 IS TRUE)) AND NOT (((m6_a0 IS NOT FALSE) AND m6_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m6_a0 IS NOT FALSE) AND m6_a0 IS TRUE) THEN m6_v0_0 END END AS m6_would0,
    (zc_s0 IS NULL AND NOT zc_n3) AND ((((m6_a0 IS NOT FALSE) AND m6_a0 IS NULL)) OR FALSE OR ((((m6_a0 IS NOT FALSE) AND m6_a0 IS TRUE)) AND FALSE) OR ((((m6_a0 IS NOT FALSE) AND m6_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m6_a0 IS NOT FALSE) AND m6_a0 IS TRUE) THEN m6_v0_0 END IS NULL OR FALSE))) AS m6_dbt
  FROM zc_m6b
),
zc_m6r AS (
  SELECT zc_m6c.*,
    CASE WHEN zc_p3 THEN m6_would0 END AS m6_raw0
  FROM zc_m6c
),
zc_m6d AS (
  SELECT zc_m6r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n3 THEN '不适用' WHEN m6_dbt THEN '存疑' WHEN m6_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p3 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m6_状态
  FROM zc_m6r
),
zc_m6e AS (
  SELECT zc_m6d.*,
    CASE WHEN m6_状态 = '存疑' AND zc_maybe THEN NULL ELSE m6_raw0 END AS m6_0,
    CASE WHEN m6_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_0 END IS NULL AND zc_p2 THEN ['托育机构' || '.举办者类别'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_1 END IS NULL THEN [CASE WHEN zc_n2 THEN '托育机构.所在地（输入声明没有「托育机构」）' ELSE '托育机构.所在地' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NULL AND zc_p2 THEN ['托育机构' || '.有营业执照或其他法人登记证书'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_14 END IS NULL AND zc_p2 THEN ['托育机构' || '.已取得备案回执'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_14 END IS NOT FALSE THEN CASE WHEN zc_p2 THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_3 END IS NULL AND zc_p2 THEN ['托育机构' || '.已在线填写备案书及承诺书'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_3 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NULL AND zc_p2 THEN ['托育机构' || '.有营业执照或其他法人登记证书'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_5 END IS NULL AND zc_p2 THEN ['托育机构' || '.有场地证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_5 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_6 END IS NULL AND zc_p2 THEN ['托育机构' || '.有工作人员专业资格证明及健康合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_6 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_7 END IS NULL AND zc_p2 THEN ['托育机构' || '.有评价为合格的卫生评价报告'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_7 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_8 END IS NULL AND zc_p2 THEN ['托育机构' || '.有消防安全检查合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_8 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_9 END IS NULL AND zc_p2 THEN ['托育机构' || '.有法律法规规定的其他相关材料'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_9 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_10 END IS NULL AND zc_p2 THEN ['托育机构' || '.提供餐饮服务'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (NOT CASE WHEN zc_p2 THEN zc_r2_10 END) IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_11 END IS NULL AND zc_p2 THEN ['托育机构' || '.有食品经营许可证'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p3 THEN [CASE WHEN zc_n3 THEN '入托幼儿（输入声明没有「入托幼儿」）' ELSE '入托幼儿' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p3 THEN list_concat(CASE WHEN zc_p3 AND zc_r3_3 IS NULL THEN ['入托幼儿' || '.父母的其他子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p3 AND zc_r3_3 IS NOT NULL) THEN zc_h11 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p3 AND m6_状态 <> '不适用' THEN ['入托幼儿'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m6_缺少
  FROM zc_m6d
),
zc_m7a AS (
  SELECT zc_m6e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN ((CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h12 END END >= 2) AND CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h14 END END AND CASE WHEN zc_p0 THEN zc_r0_3 END) ELSE FALSE END AS m7_a0
  FROM zc_m6e
),
zc_m7b AS (
  SELECT zc_m7a.*,
    CASE WHEN ((m7_a0 IS NOT FALSE) AND m7_a0 IS TRUE) THEN '1/2' END AS m7_v0_0
  FROM zc_m7a
),
zc_m7c AS (
  SELECT zc_m7b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND (((m7_a0 IS NOT FALSE) AND m7_a0 IS TRUE)) AND NOT (((m7_a0 IS NOT FALSE) AND m7_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m7_a0 IS NOT FALSE) AND m7_a0 IS TRUE) THEN m7_v0_0 END END AS m7_would0,
    (zc_s0 IS NULL AND NOT zc_n0) AND ((((m7_a0 IS NOT FALSE) AND m7_a0 IS NULL)) OR FALSE OR ((((m7_a0 IS NOT FALSE) AND m7_a0 IS TRUE)) AND FALSE) OR ((((m7_a0 IS NOT FALSE) AND m7_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m7_a0 IS NOT FALSE) AND m7_a0 IS TRUE) THEN m7_v0_0 END IS NULL OR FALSE))) AS m7_dbt
  FROM zc_m7b
),
zc_m7r AS (
  SELECT zc_m7c.*,
    CASE WHEN zc_p0 THEN m7_would0 END AS m7_raw0
  FROM zc_m7c
),
zc_m7d AS (
  SELECT zc_m7r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n0 THEN '不适用' WHEN m7_dbt THEN '存疑' WHEN m7_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p0 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m7_状态
  FROM zc_m7r
),
zc_m7e AS (
  SELECT zc_m7d.*,
    CASE WHEN m7_状态 = '存疑' AND zc_maybe THEN NULL ELSE m7_raw0 END AS m7_0,
    CASE WHEN m7_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h13 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_0 IS NULL THEN ['家庭' || '.夫妻'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h15 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_3 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.申请租房提取住房公积金（输入声明没有「家庭」）' ELSE '家庭.申请租房提取住房公积金' END] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 AND m7_状态 <> '不适用' THEN ['家庭'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m7_缺少
  FROM zc_m7d
),
zc_m8a AS (
  SELECT zc_m7e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN ((CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h12 END END >= 2) AND CASE WHEN CASE WHEN zc_p0 THEN zc_r0_4 END IS NULL THEN NULL WHEN (CASE WHEN zc_p0 THEN zc_r0_4 END = '首套自住住房') IS TRUE OR (CASE WHEN zc_p0 THEN zc_r0_4 END = '改善型住房') IS TRUE THEN TRUE WHEN (CASE WHEN zc_p0 THEN zc_r0_4 END = '首套自住住房') IS NULL OR (CASE WHEN zc_p0 THEN zc_r0_4 END = '改善型住房') IS NULL THEN NULL ELSE FALSE END) ELSE FALSE END AS m8_a0
  FROM zc_m7e
),
zc_m8b AS (
  SELECT zc_m8a.*,
    CASE WHEN ((m8_a0 IS NOT FALSE) AND m8_a0 IS TRUE) THEN TRUE END AS m8_v0_0
  FROM zc_m8a
),
zc_m8c AS (
  SELECT zc_m8b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND (((m8_a0 IS NOT FALSE) AND m8_a0 IS TRUE)) AND NOT (((m8_a0 IS NOT FALSE) AND m8_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m8_a0 IS NOT FALSE) AND m8_a0 IS TRUE) THEN m8_v0_0 END END AS m8_would0,
    (zc_s0 IS NULL AND NOT zc_n0) AND ((((m8_a0 IS NOT FALSE) AND m8_a0 IS NULL)) OR FALSE OR ((((m8_a0 IS NOT FALSE) AND m8_a0 IS TRUE)) AND FALSE) OR ((((m8_a0 IS NOT FALSE) AND m8_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m8_a0 IS NOT FALSE) AND m8_a0 IS TRUE) THEN m8_v0_0 END IS NULL OR FALSE))) AS m8_dbt
  FROM zc_m8b
),
zc_m8r AS (
  SELECT zc_m8c.*,
    CASE WHEN zc_p0 THEN m8_would0 END AS m8_raw0
  FROM zc_m8c
),
zc_m8d AS (
  SELECT zc_m8r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n0 THEN '不适用' WHEN m8_dbt THEN '存疑' WHEN m8_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p0 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m8_状态
  FROM zc_m8r
),
zc_m8e AS (
  SELECT zc_m8d.*,
    CASE WHEN m8_状态 = '存疑' AND zc_maybe THEN NULL ELSE m8_raw0 END AS m8_0,
    CASE WHEN m8_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h13 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_4 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.购房类型（输入声明没有「家庭」）' ELSE '家庭.购房类型' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_4 END IS NOT NULL THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_4 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.购房类型（输入声明没有「家庭」）' ELSE '家庭.购房类型' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CASE WHEN zc_p0 THEN zc_r0_4 END = '首套自住住房') IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p0 THEN zc_r0_4 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.购房类型（输入声明没有「家庭」）' ELSE '家庭.购房类型' END] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 AND m8_状态 <> '不适用' THEN ['家庭'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m8_缺少
  FROM zc_m8d
),
zc_m9a AS (
  SELECT zc_m8e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN ((CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h12 END END >= 2) AND CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h4 END END AND CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h6 END END AND CASE WHEN zc_p0 THEN (CASE WHEN zc_p0 THEN zc_r0_2 END = '栾川县') END AND CASE WHEN zc_p0 THEN (CASE WHEN zc_p0 THEN zc_r0_5 END AND (CASE WHEN zc_p0 THEN zc_r0_6 END = '栾川县') AND CASE WHEN CASE WHEN zc_p0 THEN zc_r0_7 END IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CASE WHEN zc_p0 THEN zc_r0_7 END >= 19358 ELSE CASE WHEN CASE WHEN zc_p0 THEN zc_r0_7 END >= 19722 THEN TRUE WHEN CASE WHEN zc_p0 THEN zc_r0_7 END < 19358 THEN FALSE END END) END) ELSE FALSE END AS m9_a0
  FROM zc_m8e
),
zc_m9b AS (
  SELECT zc_m9a.*,
    CASE WHEN ((m9_a0 IS NOT FALSE) AND m9_a0 IS TRUE) THEN TRUE END AS m9_v0_0
  FROM zc_m9a
),
zc_m9c AS (
  SELECT zc_m9b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND (((m9_a0 IS NOT FALSE) AND m9_a0 IS TRUE)) AND NOT (((m9_a0 IS NOT FALSE) AND m9_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m9_a0 IS NOT FALSE) AND m9_a0 IS TRUE) THEN m9_v0_0 END END AS m9_would0,
    (zc_s0 IS NULL AND NOT zc_n0) AND ((((m9_a0 IS NOT FALSE) AND m9_a0 IS NULL)) OR FALSE OR ((((m9_a0 IS NOT FALSE) AND m9_a0 IS TRUE)) AND FALSE) OR ((((m9_a0 IS NOT FALSE) AND m9_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m9_a0 IS NOT FALSE) AND m9_a0 IS TRUE) THEN m9_v0_0 END IS NULL OR FALSE))) AS m9_dbt
  FROM zc_m9b
),
zc_m9r AS (
  SELECT zc_m9c.*,
    CASE WHEN zc_p0 THEN m9_would0 END AS m9_raw0
  FROM zc_m9c
),
zc_m9d AS (
  SELECT zc_m9r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n0 THEN '不适用' WHEN m9_dbt THEN '存疑' WHEN m9_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p0 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m9_状态
  FROM zc_m9r
),
zc_m9e AS (
  SELECT zc_m9d.*,
    CASE WHEN m9_状态 = '存疑' AND zc_maybe THEN NULL ELSE m9_raw0 END AS m9_0,
    CASE WHEN m9_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h13 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_0 IS NULL THEN ['家庭' || '.夫妻'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h5 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h7 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN CASE WHEN CASE WHEN zc_p0 THEN zc_r0_2 END IS NULL AND zc_p0 THEN ['家庭' || '.居住地'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_5 END IS NULL AND zc_p0 THEN ['家庭' || '.所购住房为商品房'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_5 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_6 END IS NULL AND zc_p0 THEN ['家庭' || '.所购住房所在地'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CASE WHEN zc_p0 THEN zc_r0_6 END = '栾川县') IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_7 END IS NULL AND zc_p0 THEN ['家庭' || '.购房日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_7 END IS NOT NULL AND 19358 IS NOT NULL AND NOT (FALSE = FALSE AND (19358 <> 19722) = FALSE) AND (CASE WHEN CASE WHEN zc_p0 THEN zc_r0_7 END >= 19722 THEN TRUE WHEN CASE WHEN zc_p0 THEN zc_r0_7 END < 19358 THEN FALSE END) IS NULL THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 AND m9_状态 <> '不适用' THEN ['家庭'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m9_缺少
  FROM zc_m9d
),
zc_m10a AS (
  SELECT zc_m9e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND TRUE THEN ((CASE WHEN zc_p5 THEN zc_r5_0 END = '女') AND CASE WHEN zc_p5 THEN zc_r5_3 END AND CASE WHEN zc_p5 THEN (CASE WHEN zc_p5 THEN zc_r5_1 END = '栾川县') END) ELSE FALSE END AS m10_a0,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND TRUE THEN ((CASE WHEN zc_p5 THEN zc_r5_0 END = '男') AND CASE WHEN zc_p5 THEN zc_r5_3 END AND CASE WHEN zc_p5 THEN (CASE WHEN zc_p5 THEN zc_r5_1 END = '栾川县') END) ELSE FALSE END AS m10_a1,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND TRUE THEN (CASE WHEN zc_p5 THEN zc_r5_3 END AND CASE WHEN zc_p5 THEN (CASE WHEN zc_p5 THEN zc_r5_1 END = '栾川县') END AND (zc_years_of_age(CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h16 END END, zc_ed) < 3)) ELSE FALSE END AS m10_a2,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND TRUE THEN ((CASE WHEN zc_p5 THEN zc_r5_0 END = '女') AND CASE WHEN zc_p5 THEN (CASE WHEN zc_p5 THEN zc_r5_1 END = '栾川县') END AND (zc_years_of_age(CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h16 END END, zc_ed) < 1)) ELSE FALSE END AS m10_a3
  FROM zc_m9e
),
zc_m10b AS (
  SELECT zc_m10a.*,
    CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN CASE WHEN zc_ed >= 15458 THEN 98 END END AS m10_v0_0,
    CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN CASE WHEN zc_ed >= 18958 THEN 3 END END AS m10_v1_0,
    CASE WHEN ((m10_a1 IS NOT FALSE) AND m10_a1 IS TRUE) THEN CASE WHEN zc_ed >= 18958 THEN 1 END END AS m10_v2_1,
    CASE WHEN ((m10_a2 IS NOT FALSE) AND m10_a2 IS TRUE) THEN CASE WHEN zc_ed >= 18958 THEN 10 END END AS m10_v3_2,
    CASE WHEN ((m10_a3 IS NOT FALSE) AND m10_a3 IS TRUE) THEN (CASE WHEN zc_ed >= 15458 THEN 1 END * CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h19 END END) END AS m10_v4_3
  FROM zc_m10a
),
zc_m10c AS (
  SELECT zc_m10b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND (((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE)) AND NOT (((m10_a0 IS NOT FALSE) AND m10_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN m10_v0_0 END END AS m10_would0,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND (((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE)) AND NOT (((m10_a0 IS NOT FALSE) AND m10_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN m10_v1_0 END END AS m10_would1,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND (((m10_a1 IS NOT FALSE) AND m10_a1 IS TRUE)) AND NOT (((m10_a1 IS NOT FALSE) AND m10_a1 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m10_a1 IS NOT FALSE) AND m10_a1 IS TRUE) THEN m10_v2_1 END END AS m10_would2,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND (((m10_a2 IS NOT FALSE) AND m10_a2 IS TRUE)) AND NOT (((m10_a2 IS NOT FALSE) AND m10_a2 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m10_a2 IS NOT FALSE) AND m10_a2 IS TRUE) THEN m10_v3_2 END END AS m10_would3,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND (((m10_a3 IS NOT FALSE) AND m10_a3 IS TRUE)) AND NOT (((m10_a3 IS NOT FALSE) AND m10_a3 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m10_a3 IS NOT FALSE) AND m10_a3 IS TRUE) THEN m10_v4_3 END END AS m10_would4,
    (zc_s0 IS NULL AND NOT zc_n5) AND ((((m10_a0 IS NOT FALSE) AND m10_a0 IS NULL)) OR FALSE OR ((((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE)) AND FALSE) OR ((((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN m10_v0_0 END IS NULL OR FALSE)) OR (((m10_a0 IS NOT FALSE) AND m10_a0 IS NULL)) OR FALSE OR ((((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE)) AND FALSE) OR ((((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN m10_v1_0 END IS NULL OR FALSE)) OR (((m10_a1 IS NOT FALSE) AND m10_a1 IS NULL)) OR FALSE OR ((((m10_a1 IS NOT FALSE) AND m10_a1 IS TRUE)) AND FALSE) OR ((((m10_a1 IS NOT FALSE) AND m10_a1 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m10_a1 IS NOT FALSE) AND m10_a1 IS TRUE) THEN m10_v2_1 END IS NULL OR FALSE)) OR (((m10_a2 IS NOT FALSE) AND m10_a2 IS NULL)) OR FALSE OR ((((m10_a2 IS NOT FALSE) AND m10_a2 IS TRUE)) AND FALSE) OR ((((m10_a2 IS NOT FALSE) AND m10_a2 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m10_a2 IS NOT FALSE) AND m10_a2 IS TRUE) THEN m10_v3_2 END IS NULL OR FALSE)) OR (((m10_a3 IS NOT FALSE) AND m10_a3 IS NULL)) OR FALSE OR ((((m10_a3 IS NOT FALSE) AND m10_a3 IS TRUE)) AND FALSE) OR ((((m10_a3 IS NOT FALSE) AND m10_a3 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m10_a3 IS NOT FALSE) AND m10_a3 IS TRUE) THEN m10_v4_3 END IS NULL OR FALSE))) AS m10_dbt
  FROM zc_m10b
),
zc_m10r AS (
  SELECT zc_m10c.*,
    CASE WHEN zc_p5 THEN m10_would0 END AS m10_raw0,
    CASE WHEN zc_p5 THEN m10_would1 END AS m10_raw1,
    CASE WHEN zc_p5 THEN m10_would2 END AS m10_raw2,
    CASE WHEN zc_p5 THEN m10_would3 END AS m10_raw3,
    CASE WHEN zc_p5 THEN m10_would4 END AS m10_raw4
  FROM zc_m10c
),
zc_m10d AS (
  SELECT zc_m10r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n5 THEN '不适用' WHEN m10_dbt THEN '存疑' WHEN m10_would0 IS NOT NULL OR m10_would1 IS NOT NULL OR m10_would2 IS NOT NULL OR m10_would3 IS NOT NULL OR m10_would4 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p5 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m10_状态
  FROM zc_m10r
),
zc_m10e AS (
  SELECT zc_m10d.*,
    CASE WHEN m10_状态 = '存疑' AND zc_maybe THEN NULL ELSE m10_raw0 END AS m10_0,
    CASE WHEN m10_状态 = '存疑' AND zc_maybe THEN NULL ELSE m10_raw1 END AS m10_1,
    CASE WHEN m10_状态 = '存疑' AND zc_maybe THEN NULL ELSE m10_raw2 END AS m10_2,
    CASE WHEN m10_状态 = '存疑' AND zc_maybe THEN NULL ELSE m10_raw3 END AS m10_3,
    CASE WHEN m10_状态 = '存疑' AND zc_maybe THEN NULL ELSE m10_raw4 END AS m10_4,
    CASE WHEN m10_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p5 THEN zc_r5_0 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.性别（输入声明没有「职工」）' ELSE '职工.性别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p5 THEN zc_r5_3 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.生育符合法律法规规定（输入声明没有「职工」）' ELSE '职工.生育符合法律法规规定' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN CASE WHEN CASE WHEN zc_p5 THEN zc_r5_1 END IS NULL AND zc_p5 THEN ['职工' || '.用人单位所在地'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p5 THEN zc_r5_0 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.性别（输入声明没有「职工」）' ELSE '职工.性别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p5 THEN zc_r5_3 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.生育符合法律法规规定（输入声明没有「职工」）' ELSE '职工.生育符合法律法规规定' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN CASE WHEN CASE WHEN zc_p5 THEN zc_r5_1 END IS NULL AND zc_p5 THEN ['职工' || '.用人单位所在地'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p5 THEN zc_r5_3 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.生育符合法律法规规定（输入声明没有「职工」）' ELSE '职工.生育符合法律法规规定' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN CASE WHEN CASE WHEN zc_p5 THEN zc_r5_1 END IS NULL AND zc_p5 THEN ['职工' || '.用人单位所在地'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h17 ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) AND zc_h18 = 0 THEN ['职工' || '.子女' || '（列表为空，没有最大值）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p5 THEN zc_r5_0 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.性别（输入声明没有「职工」）' ELSE '职工.性别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN CASE WHEN CASE WHEN zc_p5 THEN zc_r5_1 END IS NULL AND zc_p5 THEN ['职工' || '.用人单位所在地'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h17 ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) AND zc_h18 = 0 THEN ['职工' || '.子女' || '（列表为空，没有最大值）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN CASE WHEN zc_ed < 15458 THEN ['参数 国家规定产假天数（' || strftime(DATE '1970-01-01' + CAST(zc_ed AS INTEGER), '%Y-%m-%d') || ' 无取值）'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m10_a0 IS NOT FALSE) AND m10_a0 IS TRUE) THEN CASE WHEN zc_ed < 18958 THEN ['参数 河南省增加产假（' || strftime(DATE '1970-01-01' + CAST(zc_ed AS INTEGER), '%Y-%m-%d') || ' 无取值）'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m10_a1 IS NOT FALSE) AND m10_a1 IS TRUE) THEN CASE WHEN zc_ed < 18958 THEN ['参数 河南省护理假（' || strftime(DATE '1970-01-01' + CAST(zc_ed AS INTEGER), '%Y-%m-%d') || ' 无取值）'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m10_a2 IS NOT FALSE) AND m10_a2 IS TRUE) THEN CASE WHEN zc_ed < 18958 THEN ['参数 河南省育儿假天数（' || strftime(DATE '1970-01-01' + CAST(zc_ed AS INTEGER), '%Y-%m-%d') || ' 无取值）'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m10_a3 IS NOT FALSE) AND m10_a3 IS TRUE) THEN list_concat(CASE WHEN zc_ed < 15458 THEN ['参数 哺乳时间每日小时数（' || strftime(DATE '1970-01-01' + CAST(zc_ed AS INTEGER), '%Y-%m-%d') || ' 无取值）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h20 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 AND m10_状态 <> '不适用' THEN ['职工'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m10_缺少
  FROM zc_m10d
),
zc_m11a AS (
  SELECT zc_m10e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND TRUE THEN ((CASE WHEN zc_p5 THEN zc_r5_0 END = '女') AND CASE WHEN zc_p5 THEN ((CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h21 END END <= 2) AND ((CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h21 END END + CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h19 END END) >= 3)) END AND CASE WHEN zc_p5 THEN zc_r5_3 END AND CASE WHEN zc_p5 THEN (CASE WHEN zc_p5 THEN zc_r5_1 END = '栾川县') END) ELSE FALSE END AS m11_a0
  FROM zc_m10e
),
zc_m11b AS (
  SELECT zc_m11a.*,
    CASE WHEN ((m11_a0 IS NOT FALSE) AND m11_a0 IS TRUE) THEN 3 END AS m11_v0_0
  FROM zc_m11a
),
zc_m11c AS (
  SELECT zc_m11b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND (((m11_a0 IS NOT FALSE) AND m11_a0 IS TRUE)) AND NOT (((m11_a0 IS NOT FALSE) AND m11_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m11_a0 IS NOT FALSE) AND m11_a0 IS TRUE) THEN m11_v0_0 END END AS m11_would0,
    (zc_s0 IS NULL AND NOT zc_n5) AND ((((m11_a0 IS NOT FALSE) AND m11_a0 IS NULL)) OR FALSE OR ((((m11_a0 IS NOT FALSE) AND m11_a0 IS TRUE)) AND FALSE) OR ((((m11_a0 IS NOT FALSE) AND m11_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m11_a0 IS NOT FALSE) AND m11_a0 IS TRUE) THEN m11_v0_0 END IS NULL OR FALSE))) AS m11_dbt
  FROM zc_m11b
),
zc_m11r AS (
  SELECT zc_m11c.*,
    CASE WHEN zc_p5 THEN m11_would0 END AS m11_raw0
  FROM zc_m11c
),
zc_m11d AS (
  SELECT zc_m11r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n5 THEN '不适用' WHEN m11_dbt THEN '存疑' WHEN m11_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p5 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m11_状态
  FROM zc_m11r
),
zc_m11e AS (
  SELECT zc_m11d.*,
    CASE WHEN m11_状态 = '存疑' AND zc_maybe THEN NULL ELSE m11_raw0 END AS m11_0,
    CASE WHEN m11_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p5 THEN zc_r5_0 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.性别（输入声明没有「职工」）' ELSE '职工.性别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h20 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h21 END END <= 2) IS NOT FALSE THEN list_concat(CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h20 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h20 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p5 THEN zc_r5_3 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.生育符合法律法规规定（输入声明没有「职工」）' ELSE '职工.生育符合法律法规规定' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN CASE WHEN CASE WHEN zc_p5 THEN zc_r5_1 END IS NULL AND zc_p5 THEN ['职工' || '.用人单位所在地'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 AND m11_状态 <> '不适用' THEN ['职工'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m11_缺少
  FROM zc_m11d
),
zc_m12a AS (
  SELECT zc_m11e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND TRUE THEN ((CASE WHEN zc_p5 THEN zc_r5_0 END = '女') AND CASE WHEN zc_p5 THEN ((CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h21 END END <= 2) AND ((CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h21 END END + CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h19 END END) >= 3)) END AND CASE WHEN zc_p5 THEN zc_r5_4 END AND (zc_years_of_age(CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h16 END END, zc_ed) < 3) AND CASE WHEN zc_p5 THEN (CASE WHEN zc_p5 THEN zc_r5_1 END = '栾川县') END) ELSE FALSE END AS m12_a0
  FROM zc_m11e
),
zc_m12b AS (
  SELECT zc_m12a.*,
    CASE WHEN ((m12_a0 IS NOT FALSE) AND m12_a0 IS TRUE) THEN 1 END AS m12_v0_0
  FROM zc_m12a
),
zc_m12c AS (
  SELECT zc_m12b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n5) AND (((m12_a0 IS NOT FALSE) AND m12_a0 IS TRUE)) AND NOT (((m12_a0 IS NOT FALSE) AND m12_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m12_a0 IS NOT FALSE) AND m12_a0 IS TRUE) THEN m12_v0_0 END END AS m12_would0,
    (zc_s0 IS NULL AND NOT zc_n5) AND ((((m12_a0 IS NOT FALSE) AND m12_a0 IS NULL)) OR FALSE OR ((((m12_a0 IS NOT FALSE) AND m12_a0 IS TRUE)) AND FALSE) OR ((((m12_a0 IS NOT FALSE) AND m12_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m12_a0 IS NOT FALSE) AND m12_a0 IS TRUE) THEN m12_v0_0 END IS NULL OR FALSE))) AS m12_dbt
  FROM zc_m12b
),
zc_m12r AS (
  SELECT zc_m12c.*,
    CASE WHEN zc_p5 THEN m12_would0 END AS m12_raw0
  FROM zc_m12c
),
zc_m12d AS (
  SELECT zc_m12r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n5 THEN '不适用' WHEN m12_dbt THEN '存疑' WHEN m12_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p5 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m12_状态
  FROM zc_m12r
),
zc_m12e AS (
  SELECT zc_m12d.*,
    CASE WHEN m12_状态 = '存疑' AND zc_maybe THEN NULL ELSE m12_raw0 END AS m12_0,
    CASE WHEN m12_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p5 THEN zc_r5_0 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.性别（输入声明没有「职工」）' ELSE '职工.性别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h20 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CASE WHEN zc_p5 THEN CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h21 END END <= 2) IS NOT FALSE THEN list_concat(CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h20 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h20 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p5 THEN zc_r5_4 END IS NULL THEN [CASE WHEN zc_n5 THEN '职工.哺乳假已满（输入声明没有「职工」）' ELSE '职工.哺乳假已满' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN list_concat(CASE WHEN zc_p5 AND zc_r5_2 IS NULL THEN ['职工' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) THEN zc_h17 ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p5 AND zc_r5_2 IS NOT NULL) AND zc_h18 = 0 THEN ['职工' || '.子女' || '（列表为空，没有最大值）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 THEN [CASE WHEN zc_n5 THEN '职工（输入声明没有「职工」）' ELSE '职工' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p5 THEN CASE WHEN CASE WHEN zc_p5 THEN zc_r5_1 END IS NULL AND zc_p5 THEN ['职工' || '.用人单位所在地'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p5 AND m12_状态 <> '不适用' THEN ['职工'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m12_缺少
  FROM zc_m12d
),
zc_m13a AS (
  SELECT zc_m12e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n4) AND TRUE THEN (CASE WHEN zc_p4 THEN (CASE WHEN zc_p4 THEN zc_r4_0 END <> '机关或事业单位') END AND (CASE WHEN zc_p4 THEN zc_r4_1 END = '栾川县') AND CASE WHEN zc_p4 THEN CASE WHEN CASE WHEN zc_p4 THEN zc_r4_2 END IS NULL OR 19358 IS NULL THEN NULL WHEN (FALSE = FALSE AND (19358 <> 19722) = FALSE) THEN CASE WHEN zc_p4 THEN zc_r4_2 END >= 19358 ELSE CASE WHEN CASE WHEN zc_p4 THEN zc_r4_2 END >= 19722 THEN TRUE WHEN CASE WHEN zc_p4 THEN zc_r4_2 END < 19358 THEN FALSE END END END AND CASE WHEN zc_p4 THEN CASE WHEN zc_p4 THEN (CASE WHEN zc_p4 THEN zc_r4_3 END AND CASE WHEN zc_p4 THEN zc_r4_4 END AND CASE WHEN zc_p4 THEN zc_r4_5 END AND CASE WHEN zc_p4 THEN zc_r4_6 END AND CASE WHEN zc_p4 THEN zc_r4_7 END AND ((NOT CASE WHEN zc_p4 THEN zc_r4_8 END) OR CASE WHEN zc_p4 THEN zc_r4_9 END) AND CASE WHEN zc_p4 THEN zc_r4_10 END) END END) ELSE FALSE END AS m13_a0
  FROM zc_m12e
),
zc_m13b AS (
  SELECT zc_m13a.*,
    CASE WHEN ((m13_a0 IS NOT FALSE) AND m13_a0 IS TRUE) THEN 1000000 END AS m13_v0_0
  FROM zc_m13a
),
zc_m13c AS (
  SELECT zc_m13b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n4) AND (((m13_a0 IS NOT FALSE) AND m13_a0 IS TRUE)) AND NOT (((m13_a0 IS NOT FALSE) AND m13_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m13_a0 IS NOT FALSE) AND m13_a0 IS TRUE) THEN m13_v0_0 END END AS m13_would0,
    (zc_s0 IS NULL AND NOT zc_n4) AND ((((m13_a0 IS NOT FALSE) AND m13_a0 IS NULL)) OR FALSE OR ((((m13_a0 IS NOT FALSE) AND m13_a0 IS TRUE)) AND FALSE) OR ((((m13_a0 IS NOT FALSE) AND m13_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m13_a0 IS NOT FALSE) AND m13_a0 IS TRUE) THEN m13_v0_0 END IS NULL OR FALSE))) AS m13_dbt
  FROM zc_m13b
),
zc_m13r AS (
  SELECT zc_m13c.*,
    CASE WHEN zc_p4 THEN m13_would0 END AS m13_raw0
  FROM zc_m13c
),
zc_m13d AS (
  SELECT zc_m13r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n4 THEN '不适用' WHEN m13_dbt THEN '存疑' WHEN m13_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p4 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m13_状态
  FROM zc_m13r
),
zc_m13e AS (
  SELECT zc_m13d.*,
    CASE WHEN m13_状态 = '存疑' AND zc_maybe THEN NULL ELSE m13_raw0 END AS m13_0,
    CASE WHEN m13_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p4 THEN [CASE WHEN zc_n4 THEN '母婴照护服务机构（输入声明没有「母婴照护服务机构」）' ELSE '母婴照护服务机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p4 THEN CASE WHEN CASE WHEN zc_p4 THEN zc_r4_0 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.举办者类别'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_1 END IS NULL THEN [CASE WHEN zc_n4 THEN '母婴照护服务机构.所在地（输入声明没有「母婴照护服务机构」）' ELSE '母婴照护服务机构.所在地' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p4 THEN [CASE WHEN zc_n4 THEN '母婴照护服务机构（输入声明没有「母婴照护服务机构」）' ELSE '母婴照护服务机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p4 THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_2 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.开办日期'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_2 END IS NOT NULL AND 19358 IS NOT NULL AND NOT (FALSE = FALSE AND (19358 <> 19722) = FALSE) AND (CASE WHEN CASE WHEN zc_p4 THEN zc_r4_2 END >= 19722 THEN TRUE WHEN CASE WHEN zc_p4 THEN zc_r4_2 END < 19358 THEN FALSE END) IS NULL THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p4 THEN [CASE WHEN zc_n4 THEN '母婴照护服务机构（输入声明没有「母婴照护服务机构」）' ELSE '母婴照护服务机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p4 THEN CASE WHEN zc_p4 THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_3 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.具有独立法人资质'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_3 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_4 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.取得经营许可相关证照'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_4 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_5 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.有场地证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_5 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_6 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.工作人员有健康合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_6 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_7 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.有消防安全检查合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_7 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_8 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.提供餐饮服务'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (NOT CASE WHEN zc_p4 THEN zc_r4_8 END) IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p4 THEN zc_r4_9 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.有食品经营许可证'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((NOT CASE WHEN zc_p4 THEN zc_r4_8 END) OR CASE WHEN zc_p4 THEN zc_r4_9 END) IS NOT FALSE THEN CASE WHEN CASE WHEN zc_p4 THEN zc_r4_10 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.在卫生行政部门备案合格'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p4 AND m13_状态 <> '不适用' THEN ['母婴照护服务机构'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m13_缺少
  FROM zc_m13d
),
zc_m14a AS (
  SELECT zc_m13e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n6) AND TRUE THEN (CASE WHEN zc_p6 THEN (CASE WHEN (zc_p6 AND zc_r6_0 IS NOT NULL) THEN zc_h22 END >= 1) END AND CASE WHEN zc_p6 THEN zc_r6_1 END AND CASE WHEN zc_p6 THEN zc_r6_3 END AND CASE WHEN CASE WHEN zc_p6 THEN zc_r6_2 END IS NULL THEN NULL WHEN (CASE WHEN zc_p6 THEN zc_r6_2 END = '短期技能培训') IS TRUE OR (CASE WHEN zc_p6 THEN zc_r6_2 END = '农村实用技术培训') IS TRUE OR (CASE WHEN zc_p6 THEN zc_r6_2 END = '致富带头人培训') IS TRUE THEN TRUE WHEN (CASE WHEN zc_p6 THEN zc_r6_2 END = '短期技能培训') IS NULL OR (CASE WHEN zc_p6 THEN zc_r6_2 END = '农村实用技术培训') IS NULL OR (CASE WHEN zc_p6 THEN zc_r6_2 END = '致富带头人培训') IS NULL THEN NULL ELSE FALSE END) ELSE FALSE END AS m14_a0
  FROM zc_m13e
),
zc_m14b AS (
  SELECT zc_m14a.*,
    CASE WHEN ((m14_a0 IS NOT FALSE) AND m14_a0 IS TRUE) THEN TRUE END AS m14_v0_0
  FROM zc_m14a
),
zc_m14c AS (
  SELECT zc_m14b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n6) AND (((m14_a0 IS NOT FALSE) AND m14_a0 IS TRUE)) AND NOT (((m14_a0 IS NOT FALSE) AND m14_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m14_a0 IS NOT FALSE) AND m14_a0 IS TRUE) THEN m14_v0_0 END END AS m14_would0,
    (zc_s0 IS NULL AND NOT zc_n6) AND ((((m14_a0 IS NOT FALSE) AND m14_a0 IS NULL)) OR FALSE OR ((((m14_a0 IS NOT FALSE) AND m14_a0 IS TRUE)) AND FALSE) OR ((((m14_a0 IS NOT FALSE) AND m14_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m14_a0 IS NOT FALSE) AND m14_a0 IS TRUE) THEN m14_v0_0 END IS NULL OR FALSE))) AS m14_dbt
  FROM zc_m14b
),
zc_m14r AS (
  SELECT zc_m14c.*,
    CASE WHEN zc_p6 THEN m14_would0 END AS m14_raw0
  FROM zc_m14c
),
zc_m14d AS (
  SELECT zc_m14r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n6 THEN '不适用' WHEN m14_dbt THEN '存疑' WHEN m14_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p6 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m14_状态
  FROM zc_m14r
),
zc_m14e AS (
  SELECT zc_m14d.*,
    CASE WHEN m14_状态 = '存疑' AND zc_maybe THEN NULL ELSE m14_raw0 END AS m14_0,
    CASE WHEN m14_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p6 THEN [CASE WHEN zc_n6 THEN '培训参加人（输入声明没有「培训参加人」）' ELSE '培训参加人' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p6 THEN CASE WHEN zc_p6 AND zc_r6_0 IS NULL THEN ['培训参加人' || '.子女'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p6 THEN zc_r6_1 END IS NULL THEN [CASE WHEN zc_n6 THEN '培训参加人.自愿参加（输入声明没有「培训参加人」）' ELSE '培训参加人.自愿参加' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p6 THEN zc_r6_3 END IS NULL THEN [CASE WHEN zc_n6 THEN '培训参加人.培训由县人社局开展（输入声明没有「培训参加人」）' ELSE '培训参加人.培训由县人社局开展' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p6 THEN zc_r6_2 END IS NULL THEN [CASE WHEN zc_n6 THEN '培训参加人.培训类别（输入声明没有「培训参加人」）' ELSE '培训参加人.培训类别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p6 THEN zc_r6_2 END IS NOT NULL THEN list_concat(CASE WHEN CASE WHEN zc_p6 THEN zc_r6_2 END IS NULL THEN [CASE WHEN zc_n6 THEN '培训参加人.培训类别（输入声明没有「培训参加人」）' ELSE '培训参加人.培训类别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CASE WHEN zc_p6 THEN zc_r6_2 END = '短期技能培训') IS NOT TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p6 THEN zc_r6_2 END IS NULL THEN [CASE WHEN zc_n6 THEN '培训参加人.培训类别（输入声明没有「培训参加人」）' ELSE '培训参加人.培训类别' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (CASE WHEN zc_p6 THEN zc_r6_2 END = '农村实用技术培训') IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p6 THEN zc_r6_2 END IS NULL THEN [CASE WHEN zc_n6 THEN '培训参加人.培训类别（输入声明没有「培训参加人」）' ELSE '培训参加人.培训类别' END] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p6 AND m14_状态 <> '不适用' THEN ['培训参加人'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m14_缺少
  FROM zc_m14d
),
zc_m15a AS (
  SELECT zc_m14e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND TRUE THEN (CASE WHEN zc_p0 THEN zc_r0_8 END AND CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h4 END END AND CASE WHEN zc_p0 THEN CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h6 END END AND (CASE WHEN zc_p0 THEN zc_r0_9 END OR CASE WHEN zc_p0 THEN zc_r0_10 END)) ELSE FALSE END AS m15_a0
  FROM zc_m14e
),
zc_m15b AS (
  SELECT zc_m15a.*,
    CASE WHEN ((m15_a0 IS NOT FALSE) AND m15_a0 IS TRUE) THEN TRUE END AS m15_v0_0
  FROM zc_m15a
),
zc_m15c AS (
  SELECT zc_m15b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n0) AND (((m15_a0 IS NOT FALSE) AND m15_a0 IS TRUE)) AND NOT (((m15_a0 IS NOT FALSE) AND m15_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m15_a0 IS NOT FALSE) AND m15_a0 IS TRUE) THEN m15_v0_0 END END AS m15_would0,
    (zc_s0 IS NULL AND NOT zc_n0) AND ((((m15_a0 IS NOT FALSE) AND m15_a0 IS NULL)) OR FALSE OR ((((m15_a0 IS NOT FALSE) AND m15_a0 IS TRUE)) AND FALSE) OR ((((m15_a0 IS NOT FALSE) AND m15_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m15_a0 IS NOT FALSE) AND m15_a0 IS TRUE) THEN m15_v0_0 END IS NULL OR FALSE))) AS m15_dbt
  FROM zc_m15b
),
zc_m15r AS (
  SELECT zc_m15c.*,
    CASE WHEN zc_p0 THEN m15_would0 END AS m15_raw0
  FROM zc_m15c
),
zc_m15d AS (
  SELECT zc_m15r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n0 THEN '不适用' WHEN m15_dbt THEN '存疑' WHEN m15_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p0 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m15_状态
  FROM zc_m15r
),
zc_m15e AS (
  SELECT zc_m15d.*,
    CASE WHEN m15_状态 = '存疑' AND zc_maybe THEN NULL ELSE m15_raw0 END AS m15_0,
    CASE WHEN m15_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p0 THEN zc_r0_8 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.已网上登记并保存三孩生育证（输入声明没有「家庭」）' ELSE '家庭.已网上登记并保存三孩生育证' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_0 IS NULL THEN ['家庭' || '.夫妻'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_0 IS NOT NULL) THEN zc_h5 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 THEN [CASE WHEN zc_n0 THEN '家庭（输入声明没有「家庭」）' ELSE '家庭' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p0 THEN list_concat(CASE WHEN zc_p0 AND zc_r0_1 IS NULL THEN ['家庭' || '.子女'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (zc_p0 AND zc_r0_1 IS NOT NULL) THEN zc_h7 ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_9 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.有医院出具的三孩出生证明（输入声明没有「家庭」）' ELSE '家庭.有医院出具的三孩出生证明' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p0 THEN zc_r0_10 END IS NULL THEN [CASE WHEN zc_n0 THEN '家庭.有户口簿（输入声明没有「家庭」）' ELSE '家庭.有户口簿' END] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p0 AND m15_状态 <> '不适用' THEN ['家庭'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m15_缺少
  FROM zc_m15d
),
zc_m16a AS (
  SELECT zc_m15e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND TRUE THEN CASE WHEN zc_p2 THEN (CASE WHEN zc_p2 THEN zc_r2_3 END AND CASE WHEN zc_p2 THEN zc_r2_4 END AND CASE WHEN zc_p2 THEN zc_r2_5 END AND CASE WHEN zc_p2 THEN zc_r2_6 END AND CASE WHEN zc_p2 THEN zc_r2_7 END AND CASE WHEN zc_p2 THEN zc_r2_8 END AND CASE WHEN zc_p2 THEN zc_r2_9 END AND ((NOT CASE WHEN zc_p2 THEN zc_r2_10 END) OR CASE WHEN zc_p2 THEN zc_r2_11 END)) END ELSE FALSE END AS m16_a0
  FROM zc_m15e
),
zc_m16b AS (
  SELECT zc_m16a.*,
    CASE WHEN ((m16_a0 IS NOT FALSE) AND m16_a0 IS TRUE) THEN TRUE END AS m16_v0_0
  FROM zc_m16a
),
zc_m16c AS (
  SELECT zc_m16b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m16_a0 IS NOT FALSE) AND m16_a0 IS TRUE)) AND NOT (((m16_a0 IS NOT FALSE) AND m16_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m16_a0 IS NOT FALSE) AND m16_a0 IS TRUE) THEN m16_v0_0 END END AS m16_would0,
    (zc_s0 IS NULL AND NOT zc_n2) AND ((((m16_a0 IS NOT FALSE) AND m16_a0 IS NULL)) OR FALSE OR ((((m16_a0 IS NOT FALSE) AND m16_a0 IS TRUE)) AND FALSE) OR ((((m16_a0 IS NOT FALSE) AND m16_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m16_a0 IS NOT FALSE) AND m16_a0 IS TRUE) THEN m16_v0_0 END IS NULL OR FALSE))) AS m16_dbt
  FROM zc_m16b
),
zc_m16r AS (
  SELECT zc_m16c.*,
    CASE WHEN zc_p2 THEN m16_would0 END AS m16_raw0
  FROM zc_m16c
),
zc_m16d AS (
  SELECT zc_m16r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n2 THEN '不适用' WHEN m16_dbt THEN '存疑' WHEN m16_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p2 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m16_状态
  FROM zc_m16r
),
zc_m16e AS (
  SELECT zc_m16d.*,
    CASE WHEN m16_状态 = '存疑' AND zc_maybe THEN NULL ELSE m16_raw0 END AS m16_0,
    CASE WHEN m16_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_3 END IS NULL AND zc_p2 THEN ['托育机构' || '.已在线填写备案书及承诺书'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_3 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NULL AND zc_p2 THEN ['托育机构' || '.有营业执照或其他法人登记证书'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_4 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_5 END IS NULL AND zc_p2 THEN ['托育机构' || '.有场地证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_5 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_6 END IS NULL AND zc_p2 THEN ['托育机构' || '.有工作人员专业资格证明及健康合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_6 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_7 END IS NULL AND zc_p2 THEN ['托育机构' || '.有评价为合格的卫生评价报告'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_7 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_8 END IS NULL AND zc_p2 THEN ['托育机构' || '.有消防安全检查合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_8 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_9 END IS NULL AND zc_p2 THEN ['托育机构' || '.有法律法规规定的其他相关材料'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_9 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p2 THEN zc_r2_10 END IS NULL AND zc_p2 THEN ['托育机构' || '.提供餐饮服务'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (NOT CASE WHEN zc_p2 THEN zc_r2_10 END) IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_11 END IS NULL AND zc_p2 THEN ['托育机构' || '.有食品经营许可证'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 AND m16_状态 <> '不适用' THEN ['托育机构'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m16_缺少
  FROM zc_m16d
),
zc_m17a AS (
  SELECT zc_m16e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND TRUE THEN TRUE ELSE FALSE END AS m17_a0,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND TRUE THEN TRUE ELSE FALSE END AS m17_a1
  FROM zc_m16e
),
zc_m17b AS (
  SELECT zc_m17a.*,
    CASE WHEN ((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE) THEN 5 END AS m17_v0_0,
    CASE WHEN ((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE) THEN 15 END AS m17_v1_1,
    CASE WHEN ((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE) THEN CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_12 END IS NULL OR 5 IS NULL THEN NULL ELSE zc_workday_deadline(CASE WHEN zc_p2 THEN zc_r2_12 END, 5) END END END AS m17_v2_0,
    CASE WHEN ((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE) THEN CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_12 END IS NULL OR 15 IS NULL THEN NULL ELSE zc_workday_deadline(CASE WHEN zc_p2 THEN zc_r2_12 END, 15) END END END AS m17_v3_1
  FROM zc_m17a
),
zc_m17c AS (
  SELECT zc_m17b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE)) AND NOT (((m17_a0 IS NOT FALSE) AND m17_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE) THEN m17_v0_0 END END AS m17_would0,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE)) AND NOT (((m17_a1 IS NOT FALSE) AND m17_a1 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE) THEN m17_v1_1 END END AS m17_would1,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE)) AND NOT (((m17_a0 IS NOT FALSE) AND m17_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE) THEN m17_v2_0 END END AS m17_would2,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n2) AND (((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE)) AND NOT (((m17_a1 IS NOT FALSE) AND m17_a1 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE) THEN m17_v3_1 END END AS m17_would3,
    (zc_s0 IS NULL AND NOT zc_n2) AND ((((m17_a0 IS NOT FALSE) AND m17_a0 IS NULL)) OR FALSE OR ((((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE)) AND FALSE) OR ((((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE) THEN m17_v0_0 END IS NULL OR FALSE)) OR (((m17_a1 IS NOT FALSE) AND m17_a1 IS NULL)) OR FALSE OR ((((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE)) AND FALSE) OR ((((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE) THEN m17_v1_1 END IS NULL OR FALSE)) OR (((m17_a0 IS NOT FALSE) AND m17_a0 IS NULL)) OR FALSE OR ((((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE)) AND FALSE) OR ((((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE) THEN m17_v2_0 END IS NULL OR FALSE)) OR (((m17_a1 IS NOT FALSE) AND m17_a1 IS NULL)) OR FALSE OR ((((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE)) AND FALSE) OR ((((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE) THEN m17_v3_1 END IS NULL OR FALSE))) AS m17_dbt
  FROM zc_m17b
),
zc_m17r AS (
  SELECT zc_m17c.*,
    CASE WHEN zc_p2 THEN m17_would0 END AS m17_raw0,
    CASE WHEN zc_p2 THEN m17_would1 END AS m17_raw1,
    CASE WHEN zc_p2 THEN m17_would2 END AS m17_raw2,
    CASE WHEN zc_p2 THEN m17_would3 END AS m17_raw3
  FROM zc_m17c
),
zc_m17d AS (
  SELECT zc_m17r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n2 THEN '不适用' WHEN m17_dbt THEN '存疑' WHEN m17_would0 IS NOT NULL OR m17_would1 IS NOT NULL OR m17_would2 IS NOT NULL OR m17_would3 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p2 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m17_状态
  FROM zc_m17r
),
zc_m17e AS (
  SELECT zc_m17d.*,
    CASE WHEN m17_状态 = '存疑' AND zc_maybe THEN NULL ELSE m17_raw0 END AS m17_0,
    CASE WHEN m17_状态 = '存疑' AND zc_maybe THEN NULL ELSE m17_raw1 END AS m17_1,
    CASE WHEN m17_状态 = '存疑' AND zc_maybe THEN NULL ELSE (DATE '1970-01-01' + CAST(m17_raw2 AS INTEGER)) END AS m17_2,
    CASE WHEN m17_状态 = '存疑' AND zc_maybe THEN NULL ELSE (DATE '1970-01-01' + CAST(m17_raw3 AS INTEGER)) END AS m17_3,
    CASE WHEN m17_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN ((m17_a0 IS NOT FALSE) AND m17_a0 IS TRUE) THEN list_concat(CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_12 END IS NULL AND zc_p2 THEN ['托育机构' || '.收到备案材料日期'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((m17_a1 IS NOT FALSE) AND m17_a1 IS TRUE) THEN list_concat(CASE WHEN NOT zc_p2 THEN [CASE WHEN zc_n2 THEN '托育机构（输入声明没有「托育机构」）' ELSE '托育机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p2 THEN CASE WHEN CASE WHEN zc_p2 THEN zc_r2_12 END IS NULL AND zc_p2 THEN ['托育机构' || '.收到备案材料日期'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p2 AND m17_状态 <> '不适用' THEN ['托育机构'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m17_缺少
  FROM zc_m17d
),
zc_m18a AS (
  SELECT zc_m17e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n3) AND TRUE THEN ((CASE WHEN zc_p3 THEN zc_r3_2 END = '栾川县') AND CASE WHEN zc_p2 THEN zc_r2_14 END AND CASE WHEN zc_p3 THEN zc_r3_4 END) ELSE FALSE END AS m18_a0
  FROM zc_m17e
),
zc_m18b AS (
  SELECT zc_m18a.*,
    CASE WHEN ((m18_a0 IS NOT FALSE) AND m18_a0 IS TRUE) THEN TRUE END AS m18_v0_0
  FROM zc_m18a
),
zc_m18c AS (
  SELECT zc_m18b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n3) AND (((m18_a0 IS NOT FALSE) AND m18_a0 IS TRUE)) AND NOT (((m18_a0 IS NOT FALSE) AND m18_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m18_a0 IS NOT FALSE) AND m18_a0 IS TRUE) THEN m18_v0_0 END END AS m18_would0,
    (zc_s0 IS NULL AND NOT zc_n3) AND ((((m18_a0 IS NOT FALSE) AND m18_a0 IS NULL)) OR FALSE OR ((((m18_a0 IS NOT FALSE) AND m18_a0 IS TRUE)) AND FALSE) OR ((((m18_a0 IS NOT FALSE) AND m18_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m18_a0 IS NOT FALSE) AND m18_a0 IS TRUE) THEN m18_v0_0 END IS NULL OR FALSE))) AS m18_dbt
  FROM zc_m18b
),
zc_m18r AS (
  SELECT zc_m18c.*,
    CASE WHEN zc_p3 THEN m18_would0 END AS m18_raw0
  FROM zc_m18c
),
zc_m18d AS (
  SELECT zc_m18r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n3 THEN '不适用' WHEN m18_dbt THEN '存疑' WHEN m18_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p3 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m18_状态
  FROM zc_m18r
),
zc_m18e AS (
  SELECT zc_m18d.*,
    CASE WHEN m18_状态 = '存疑' AND zc_maybe THEN NULL ELSE m18_raw0 END AS m18_0,
    CASE WHEN m18_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN CASE WHEN zc_p3 THEN zc_r3_2 END IS NULL THEN [CASE WHEN zc_n3 THEN '入托幼儿.户籍（输入声明没有「入托幼儿」）' ELSE '入托幼儿.户籍' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p2 THEN zc_r2_14 END IS NULL THEN [CASE WHEN zc_n2 THEN '托育机构.已取得备案回执（输入声明没有「托育机构」）' ELSE '托育机构.已取得备案回执' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p3 THEN zc_r3_4 END IS NULL THEN [CASE WHEN zc_n3 THEN '入托幼儿.有缴费凭证及考勤表（输入声明没有「入托幼儿」）' ELSE '入托幼儿.有缴费凭证及考勤表' END] ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p3 AND m18_状态 <> '不适用' THEN ['入托幼儿'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m18_缺少
  FROM zc_m18d
),
zc_m19a AS (
  SELECT zc_m18e.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n4) AND TRUE THEN CASE WHEN zc_p4 THEN (CASE WHEN zc_p4 THEN zc_r4_3 END AND CASE WHEN zc_p4 THEN zc_r4_4 END AND CASE WHEN zc_p4 THEN zc_r4_5 END AND CASE WHEN zc_p4 THEN zc_r4_6 END AND CASE WHEN zc_p4 THEN zc_r4_7 END AND ((NOT CASE WHEN zc_p4 THEN zc_r4_8 END) OR CASE WHEN zc_p4 THEN zc_r4_9 END) AND CASE WHEN zc_p4 THEN zc_r4_10 END) END ELSE FALSE END AS m19_a0
  FROM zc_m18e
),
zc_m19b AS (
  SELECT zc_m19a.*,
    CASE WHEN ((m19_a0 IS NOT FALSE) AND m19_a0 IS TRUE) THEN TRUE END AS m19_v0_0
  FROM zc_m19a
),
zc_m19c AS (
  SELECT zc_m19b.*,
    CASE WHEN (zc_s0 IS NULL AND NOT zc_n4) AND (((m19_a0 IS NOT FALSE) AND m19_a0 IS TRUE)) AND NOT (((m19_a0 IS NOT FALSE) AND m19_a0 IS NULL)) AND NOT FALSE AND NOT FALSE THEN CASE WHEN ((m19_a0 IS NOT FALSE) AND m19_a0 IS TRUE) THEN m19_v0_0 END END AS m19_would0,
    (zc_s0 IS NULL AND NOT zc_n4) AND ((((m19_a0 IS NOT FALSE) AND m19_a0 IS NULL)) OR FALSE OR ((((m19_a0 IS NOT FALSE) AND m19_a0 IS TRUE)) AND FALSE) OR ((((m19_a0 IS NOT FALSE) AND m19_a0 IS TRUE)) AND NOT FALSE AND (CASE WHEN ((m19_a0 IS NOT FALSE) AND m19_a0 IS TRUE) THEN m19_v0_0 END IS NULL OR FALSE))) AS m19_dbt
  FROM zc_m19b
),
zc_m19r AS (
  SELECT zc_m19c.*,
    CASE WHEN zc_p4 THEN m19_would0 END AS m19_raw0
  FROM zc_m19c
),
zc_m19d AS (
  SELECT zc_m19r.*,
    CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN zc_n4 THEN '不适用' WHEN m19_dbt THEN '存疑' WHEN m19_would0 IS NOT NULL THEN CASE WHEN zc_maybe OR NOT zc_p4 THEN '存疑' ELSE '适用' END ELSE '不适用' END AS m19_状态
  FROM zc_m19r
),
zc_m19e AS (
  SELECT zc_m19d.*,
    CASE WHEN m19_状态 = '存疑' AND zc_maybe THEN NULL ELSE m19_raw0 END AS m19_0,
    CASE WHEN m19_状态 = '存疑' THEN nullif(list_sort(list_distinct(list_concat(CASE WHEN TRUE THEN list_concat(CASE WHEN NOT zc_p4 THEN [CASE WHEN zc_n4 THEN '母婴照护服务机构（输入声明没有「母婴照护服务机构」）' ELSE '母婴照护服务机构' END] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_p4 THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_3 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.具有独立法人资质'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_3 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_4 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.取得经营许可相关证照'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_4 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_5 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.有场地证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_5 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_6 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.工作人员有健康合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_6 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_7 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.有消防安全检查合格证明'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN CASE WHEN zc_p4 THEN zc_r4_7 END IS NOT FALSE THEN list_concat(CASE WHEN CASE WHEN zc_p4 THEN zc_r4_8 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.提供餐饮服务'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN (NOT CASE WHEN zc_p4 THEN zc_r4_8 END) IS NOT TRUE THEN CASE WHEN CASE WHEN zc_p4 THEN zc_r4_9 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.有食品经营许可证'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END, CASE WHEN ((NOT CASE WHEN zc_p4 THEN zc_r4_8 END) OR CASE WHEN zc_p4 THEN zc_r4_9 END) IS NOT FALSE THEN CASE WHEN CASE WHEN zc_p4 THEN zc_r4_10 END IS NULL AND zc_p4 THEN ['母婴照护服务机构' || '.在卫生行政部门备案合格'] ELSE CAST([] AS VARCHAR[]) END ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END) ELSE CAST([] AS VARCHAR[]) END, CASE WHEN NOT zc_p4 AND m19_状态 <> '不适用' THEN ['母婴照护服务机构'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mr THEN ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] ELSE CAST([] AS VARCHAR[]) END, CASE WHEN zc_mv THEN zc_vmiss ELSE CAST([] AS VARCHAR[]) END))), CAST([] AS VARCHAR[])) END AS m19_缺少
  FROM zc_m19d
),
zc_claim AS (
  SELECT zc_m19e.*,
    m15_状态 AS m1_申请,
    CASE WHEN m1_状态 IN ('未生效', '已废止') THEN m1_状态 WHEN m1_状态 = '不适用' OR m15_状态 = '不适用' THEN '不适用' WHEN m1_状态 = '适用' AND m15_状态 = '适用' THEN '适用' ELSE '存疑' END AS m1_可领取,
    m16_状态 AS m3_申请,
    CASE WHEN m3_状态 IN ('未生效', '已废止') THEN m3_状态 WHEN m3_状态 = '不适用' OR m16_状态 = '不适用' THEN '不适用' WHEN m3_状态 = '适用' AND m16_状态 = '适用' THEN '适用' ELSE '存疑' END AS m3_可领取,
    m18_状态 AS m6_申请,
    CASE WHEN m6_状态 IN ('未生效', '已废止') THEN m6_状态 WHEN m6_状态 = '不适用' OR m18_状态 = '不适用' THEN '不适用' WHEN m6_状态 = '适用' AND m18_状态 = '适用' THEN '适用' ELSE '存疑' END AS m6_可领取,
    m19_状态 AS m13_申请,
    CASE WHEN m13_状态 IN ('未生效', '已废止') THEN m13_状态 WHEN m13_状态 = '不适用' OR m19_状态 = '不适用' THEN '不适用' WHEN m13_状态 = '适用' AND m19_状态 = '适用' THEN '适用' ELSE '存疑' END AS m13_可领取
  FROM zc_m19e
)
SELECT zc_k AS "编号", CASE WHEN zc_s0 = '已废止' THEN (DATE '1970-01-01' + CAST(zc_vd AS INTEGER)) END AS "废止日期", CASE WHEN zc_mv THEN (DATE '1970-01-01' + CAST(zc_md AS INTEGER)) END AS "可能废止日期", m0_状态, m0_缺少, m0_0, m1_状态, m1_缺少, m1_0, m1_申请, m1_可领取, m2_状态, m2_缺少, m2_0, m2_1, m3_状态, m3_缺少, m3_0, m3_申请, m3_可领取, m4_状态, m4_缺少, m4_0, m5_状态, m5_缺少, m5_0, m6_状态, m6_缺少, m6_0, m6_申请, m6_可领取, m7_状态, m7_缺少, m7_0, m8_状态, m8_缺少, m8_0, m9_状态, m9_缺少, m9_0, m10_状态, m10_缺少, m10_0, m10_1, m10_2, m10_3, m10_4, m11_状态, m11_缺少, m11_0, m12_状态, m12_缺少, m12_0, m13_状态, m13_缺少, m13_0, m13_申请, m13_可领取, m14_状态, m14_缺少, m14_0, m15_状态, m15_缺少, m15_0, m16_状态, m16_缺少, m16_0, m17_状态, m17_缺少, m17_0, m17_1, m17_2, m17_3, m18_状态, m18_缺少, m18_0, m19_状态, m19_缺少, m19_0
FROM zc_claim;
