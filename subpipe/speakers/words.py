"""Words of written Chinese that only the speakers stage leans on: how a narration reports speech, names
people and organisations by their role, refers back to them, cites documents, and speaks in the
narrator's own voice.

Facts of the language, not of any transcript. The lists the speakers stage shares with other stages
(the shared reporting verbs, unnamed voices, turn-back words, quotes) are in `text/lexicon.py`.
"""

from __future__ import annotations

from ..text.lexicon import REPORTING_VERBS as _SHARED_REPORTING_VERBS

# -- reporting speech --------------------------------------------------------------------------------

# Every verb that reports what someone said, wrote or thinks: the shared list's, and 声称, 质问, 称为…
# (a name given, as the gold counts it), 举 (举了个例子: a cue that names its topic).
REPORTING_VERBS = tuple(
    dict.fromkeys(
        _SHARED_REPORTING_VERBS
        + (
            "声称", "宣称", "质问", "警告", "批评", "留言", "发文", "称赞", "抱怨", "预测", "建议", "反驳", "骂", "回怼",
            "吐槽", "嘲讽", "调侃", "反讽", "称为", "称之为", "定义为", "比作", "形容", "提出", "写着", "举",
        )
    )
)
# Speech verbs that are nouns as often as verbs: after 的 they are a noun (投资者们的批评, 给出的回应). Before
# 告诉 or 说道, 的 is colloquial for 地 (语重心长的告诉) and the verb stays a verb.
NOMINAL_VERBS = frozenset("批评 回应 回答 建议 预测 警告 留言 解释 介绍 分享 提问 回怼 吐槽 调侃 反驳 抱怨 称赞".split())
# Verbs whose object is the words themselves (表示自己收回…的说法 is what he said), unless 了 makes it a
# thing said (说了一个反直觉的观点): after them a topic noun does not make the line a bare cue.
CLAUSE_VERBS = frozenset("表示 认为 觉得 称 声称 宣称 坦言 坦承 承认 直言 说 说道 写道 相信 称为 定义为 比作".split())
# What a cue line may name after its verb instead of the words themselves: 讲了一个Google的故事,
# 解释了一个概念, 批评了谷歌的工作文化. Such a line is the narrator's; the words start on the next line.
TOPIC_NOUNS = frozenset(
    """故事 例子 案例 概念 观点 判断 看法 问题 错误 论文 文化 话 一句话 事 事情 类比 比喻 功能 差异 区别 原因 理由 担忧
    内容 细节 经历 秘密 规律 趋势 预测 逻辑 想法 思路 决定 批评 评价 点评 定义 原则 理论 态度 立场 计划 愿景 经验 教训
    见解 结论 现象 话题 方面 几点 两点 三点 一点 担心 疑问 质疑 说法 建议 回答 设想 策略 因素 条件 要求 诉求 主张 比较
    对比""".split()
)
# A frame naming what someone said as a noun: Ross的回答是 (the words follow), 他的判断是，… (they are there).
SAID_NOUNS = frozenset("回答 回应 观点 看法 说法 判断 思路 结论 建议 解释 理由 逻辑 答案 原话 意思".split())
# Verbs that name who is told (告诉台下学生, 问他, 问诸葛亮): with only that after them, the words come next.
ADDRESSING_VERBS = frozenset("告诉 问 质问 追问 反问 提醒 警告 骂".split())
ADDRESSEES = frozenset("他 她 他们 她们 我 我们 你 你们 大家 学生 观众 听众 员工 同事 记者 网友".split())
# Words before a name that make what follows no report of theirs: 当X提到…时, 除了X指出来的, the passive
# 被X称为 (a description), and the verbs that make X the one led to speak (引导X提出更好的问题, 逼X表态).
NOT_A_REPORT_BEFORE = frozenset("当 除了 被 引导 使 帮助 要求 促使 鼓励 逼 迫使 请 邀请 允许".split())
# Words before a name that make it the source of what a speaker relays: 听X说, 听说X.
SOURCE_BEFORE = frozenset("听 听到 听说".split())
# What a frame says came from a source: 根据X的说法, 据X报道, 按照官网介绍, 根据博客中的详细描述.
FRAME_NOUNS = frozenset(
    "说法 介绍 讲述 回忆 描述 解释 观点 看法 话 报道 消息 透露 披露 声明 官方声明 博客 官网 公告 推文 表态 回应 答复 原话".split()
)

# -- people, roles and gender ------------------------------------------------------------------------

# Roles a text gives a person right before their name (Groq的创始人兼CEO Jonathan Ross, 主持人Harry, 评论家
# 加里·马库斯): the role then stands for them (主持人问, 这位CEO表示), and shows the name is a person's.
PERSON_ROLES = frozenset(
    """创始人 联合创始人 创办人 CEO CTO CFO COO CSO 首席执行官 首席技术官 首席科学家 首席财务官 总裁 副总裁 董事长 董事
    主席 总经理 经理 主持人 主播 科学家 研究员 研究者 工程师 教授 博士 学者 专家 负责人 主管 高管 评论家 分析师 记者 编辑
    作者 投资人 投资方 合伙人 发言人 部长 总统 总理 议员 官员 律师 院士 老师 顾问 员工 前员工 创业者 开发者 设计师 作家
    演员 导演 歌手 运动员 教练 医生 博主 董事会主席 执行董事 联席CEO 掌门人 老板""".split()
)
# Words before a pronoun or role that point back at someone already named: 这位CEO, 该创始人.
POINTING = ("这位", "该", "这名", "那位", "此")
# Titles and roles that say the person is a woman or a man: the episode's own evidence of gender, as is a
# pronoun used for them; never the name.
FEMALE_ROLES = frozenset("女士 小姐 夫人 太太 女儿 母亲 妈妈 妻子 姐姐 妹妹 奶奶 女王 女皇 女神 女性 女孩 阿姨".split())
MALE_ROLES = frozenset("先生 男士 儿子 父亲 爸爸 丈夫 哥哥 弟弟 爷爷 国王 男性 男孩 叔叔".split())
FEMALE_PRONOUNS = ("她",)
MALE_PRONOUNS = ("他",)

# -- organisations -----------------------------------------------------------------------------------

# Words before or after a name that show it names an organisation: 初创公司Groq, Groq的创始人, X公司; a
# word ending in 商 before it is a business too (承包商Palantir, 供应商).
ORG_BEFORE = frozenset("商 公司 企业 初创公司 实验室 机构 媒体 平台 集团 厂商 巨头 独角兽 品牌 组织 政府 部门 团队".split())
ORG_AFTER = frozenset(
    "公司 官方 官网 旗下 集团 团队 声明 博客 官方声明 公告 创始人 联合创始人 CEO CTO CFO 总裁 员工 高管 董事会 股价 估值".split()
)
# How a text refers back to the organisation it last named: 该公司表示, 这家公司称, 官方表示.
ORG_REFERENCES = ("该公司", "这家公司", "该机构", "这家机构", "该实验室", "官方", "该企业", "这家企业")
# An organisation's own documents: 根据博客中的描述, 按照官网介绍: its words.
ORG_DOCUMENTS = frozenset("声明 官方声明 博客 官网 公告 推文 新闻稿 财报 白皮书 使用条款 报告 文件 邮件 内部邮件 内部文件".split())

# -- voices with no name -----------------------------------------------------------------------------

# More voices the narration does not name, beyond the shared list: 外媒, 知情人士, 一位官员.
MORE_UNNAMED_VOICES = (
    "外媒", "媒体", "知情人士", "消息人士", "业内人士", "行业人士", "官员", "投资方", "投资人", "服务商", "前员工",
    "员工", "用户", "网友们", "批评者", "支持者", "研究人员", "科学家", "分析人士", "发言人", "对方",
)
# Voices that belong to the conversation the narrator retells: when one of them speaks inside someone's
# turn, the word changes hands (主持人追问道). Any other voice inside a turn is someone the speaker quotes.
CONVERSATION_VOICES = frozenset("主持人 主播 记者 提问者 嘉宾 评论员 观众 听众".split())

# -- the narrator's own voice ------------------------------------------------------------------------

# How the narrator opens a line of their own: a verdict, an aside, a framing of what comes next. 不过 counts
# here with or without a pause after it (unlike the shared turn-back words): at a line's start inside a
# turn it is the narrator turning to a new subject (不过后来这个说法…).
NARRATOR_OPENERS = (
    "不过", "真是", "确实是", "果然", "不愧是", "难怪", "怪不得", "显然", "很显然", "显而易见", "说白了", "说实话",
    "老实说", "看来", "由此可见", "要知道", "需要注意的是", "值得注意的是", "值得一提的是", "有意思的是", "巧合的是",
    "搞笑的是", "讽刺的是", "荒诞的是", "翻译成大白话", "简单介绍一下", "很多人可能", "很多人会", "很多人都", "不知道大家",
    "我们再来", "我们来看", "接下来我们", "这就不得不", "不得不提", "如此来看", "这样来看", "由此看来", "看得出来",
)
# A narrator's verdict word that only counts standing alone (所以说，…; 当然，…), as it also opens ordinary
# clauses inside a quote.
NARRATOR_WORDS = ("所以说", "当然")
# The narrator speaking of themself or drawing their own inference, anywhere in a line: 我估计, 可以看出.
# Inside relayed words in the first person (a quote) the same words are the speaker's, so these count
# only in a turn that has not spoken as 我.
NARRATOR_PHRASES = (
    "我估计", "我觉得", "我相信", "我个人", "在我看来", "我猜", "我想说", "我认为", "我们可以看到", "我们都可以看到",
    "可以看出", "可见",
)
# Lines in which the narrator frames the episode itself (今天我们就来聊聊他究竟说了什么, 为了做这期视频…):
# the host's, even with a speech verb in them. The first words count anywhere in a line, the others
# where they open it (…给大家 may end someone's quoted promise).
NARRATOR_FRAMES = ("今天我们", "我们今天", "这期视频", "本期视频", "这期节目", "本期节目")
NARRATOR_FRAME_OPENERS = ("我们就来", "我们来聊", "我们再来", "我们先来", "带大家", "给大家")

# -- how a turn goes on ------------------------------------------------------------------------------

# What a line inside a turn may open with and still go on with the speaker's words where a new topic is
# found (另外，…; 第二，…): a connective of the argument.
CONTINUING = (
    "另外", "此外", "但是", "但", "与此同时", "同时", "其中", "而且", "并且", "甚至", "再加上", "而",
    "第一", "第二", "第三", "首先", "其次", "一是", "二是", "三是",
)
# Endings of a line that set the scene for the clause on the next line (在宣传的时候 / X表示…): a report
# there is inside the speaker's sentence.
SCENE_SETTING = ("的时候", "时", "之后", "以后", "之前", "期间")
# Words that answer a question just asked: the question was the speaker's own, not the narrator's.
ANSWERS = ("因为", "答案", "原因", "这是因为", "其实", "很简单")
# Words that open an example inside someone's argument: 比如，Google在做什么？
EXAMPLES = ("比如", "例如", "比方说", "譬如")
# Words that ask, for a question begun on an earlier line of the same turn (为什么网页加载 / …还快呢？).
QUESTION_WORDS = ("为什么", "怎么", "什么", "难道", "是不是", "会不会", "能不能", "有没有", "有谁", "谁", "哪")
