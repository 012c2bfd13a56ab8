-- 输入表：政策「示例县育儿支持办法」（sample），由 zhengce build 从实体声明生成（与 schema.json 同构）。
-- 每个根实体一张表，以 编号 标识一个案件；列表字段是子表“实体.字段”（编号 + 序号，序号从 0 起），
-- 父表上同名的 BOOLEAN 列表示该列表是否已提供（NULL：未提供，即未知；TRUE：子表中的行就是全部元素，可以没有）。
-- 嵌套记录展开为“字段.子字段”列，同名 BOOLEAN 列表示该记录是否存在。金额以元为单位（DECIMAL，精确）；比例写作 "n/d"。
-- NULL 表示未知（缺少的事实）。
CREATE TABLE IF NOT EXISTS "家庭" (
  "编号" BIGINT NOT NULL,
  "子女数" BIGINT CHECK ("子女数" >= 0),
  "丈夫户籍在本县" BOOLEAN,
  "妻子户籍在本县" BOOLEAN,
  PRIMARY KEY ("编号")
);
-- 家庭 的字段说明：
--   子女数：夫妻生育的子女人数（含本次生育）：出生医学证明的份数
--   丈夫户籍在本县：丈夫户口簿上的户籍地是否在本县
--   妻子户籍在本县：妻子户口簿上的户籍地是否在本县
CREATE TABLE IF NOT EXISTS "婴幼儿" (
  "编号" BIGINT NOT NULL,
  "出生日期" DATE,
  "户籍在本县" BOOLEAN,
  "入托机构已备案" BOOLEAN,
  PRIMARY KEY ("编号")
);
-- 婴幼儿 的字段说明：
--   出生日期：出生医学证明上的出生日期
--   户籍在本县：婴幼儿户口簿上的户籍地是否在本县
--   入托机构已备案：所入托育机构是否在县卫健委的托育机构备案名单上
CREATE TABLE IF NOT EXISTS "女职工" (
  "编号" BIGINT NOT NULL,
  "性别" TEXT CHECK ("性别" IN ('男', '女')),
  "生育孩次" BIGINT CHECK ("生育孩次" >= 0),
  PRIMARY KEY ("编号")
);
-- 女职工 的字段说明：
--   性别：居民身份证上的性别
--   生育孩次：生育登记上登记的本次生育孩次
-- 案件声明不存在的根实体（JSON 中写 实体: "不存在"）：该实体的措施不适用。没有行、也不在此表中的实体是“未知”（措施存疑）。
CREATE TABLE IF NOT EXISTS "声明不存在" (
  "编号" BIGINT NOT NULL,
  "实体" TEXT NOT NULL CHECK ("实体" IN ('家庭', '婴幼儿', '女职工')),
  PRIMARY KEY ("编号", "实体")
);
CREATE OR REPLACE VIEW "案件" AS
SELECT "编号" FROM "家庭"
UNION
SELECT "编号" FROM "婴幼儿"
UNION
SELECT "编号" FROM "女职工"
UNION
SELECT "编号" FROM "声明不存在";
