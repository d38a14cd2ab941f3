"""Small word lists about written Chinese that the name and speaker rules lean on.

These are facts of the language (how transliterations are written, common surnames, how speech is
reported), not of any one transcript.
"""

from __future__ import annotations

import re

# Every character people type between the parts of a transliterated name.
MIDDLE_DOTS = "·•・‧･.．"
# Those that are nothing but a name's dot; a full stop (. or ．) between Chinese characters is more
# often a sentence end, so in running text it counts as a name's dot only between name-like words.
NAME_DOTS = "·•・‧･"
DOTTED_SEPARATOR = re.compile(rf"\s*[{re.escape(MIDDLE_DOTS)}]\s*")
# Every name's dot written as ·, one character for one, so offsets stay true (a full stop . is left:
# between Chinese characters it is more often a sentence end).
TO_MIDDLE_DOT = str.maketrans({dot: "·" for dot in NAME_DOTS + "．" if dot != "·"})

CJK_RANGE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Characters of the Xinhua transliteration tables for English and other Western names. A run made
# only of them, that is not a dictionary word, is very likely a transliterated name.
TRANSLITERATION_CHARS = frozenset(
    "阿埃艾爱安昂奥澳巴班邦鲍贝本比彼宾波伯勃博布查达戴丹道德邓迪蒂丁东杜敦多厄恩尔法凡范菲费芬"
    "丰冯弗福富盖甘冈戈格根古哈海汉豪赫亨洪胡华霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎昆拉莱兰朗"
    "劳勒雷蕾里理利莉丽林琳隆卢鲁路伦罗洛马玛迈麦曼梅门蒙米敏明莫姆穆纳娜奈南内尼宁纽诺欧帕潘佩"
    "彭皮珀坡普齐奇恰钱乔切琼丘萨塞赛桑瑟森沙莎舍施什史斯松苏索塔泰坦汤唐特提汀廷图托瓦万旺威韦"
    "维温文沃乌伍西希谢辛休雅亚扬耶伊因茵英尤于约扎泽詹兹祖佐茨肖娅琪黛薇妮露丝瑞烈默顿黑斐茜尚登"
)

# The most common Chinese surnames (single character), which start most Chinese personal names.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    # Common in Taiwan, among its hundred most frequent.
    "洪赖萧傅阙辜"
)

# Verbs that report speech or opinion right after the speaker's name: 郑亨元解释道, 他表示.
SPEECH_VERBS = (
    "解释道", "回忆道", "补充道", "说道", "笑道", "问道", "写道", "指出", "表示", "提到", "认为", "觉得",
    "坦言", "透露", "强调", "补充", "回忆", "解释", "说",
)

# Single characters that glue words together; a name never starts or ends with one of them.
FUNCTION_CHARS = frozenset("的了是在和与及把被向对从由让给叫称为之也就都还又才将而但并或其这那你我他她它们")

# ---------------------------------------------------------------------------------------------------
# Speakers: how a narrator hands the word to someone else and takes it back (subpipe/speakers.py).

# Every verb that reports what someone said or thinks, as jieba cuts them (解释道 is 解释 + 道, and 道
# is matched separately after any of these).
REPORTING_VERBS = tuple(
    dict.fromkeys(
        SPEECH_VERBS
        + (
            "讲", "称", "说过", "回答", "回应", "分享", "感叹", "感慨", "承认", "坦承", "直言", "告诉", "谈到",
            "问", "问道", "提问", "追问", "反问",
        )
    )
)
# Words before 说 that make it part of a discourse phrase, not a report: 可以说, 比如说, 换句话说.
SAY_COMPOUNDS = frozenset("可以 比如 或者 也就是 换句话 换言之 就是 不用 应该 虽然 所以 怎么 这么 那么 再 听".split())
# A name right after one of these is who is spoken to, not who speaks: 我对郑亨元说.
ADDRESSEE_MARKERS = frozenset("对 向 跟 和 给 同 问 告诉 让".split())

# Voices a transcript does not name (有人说, 主持人问道, 一位律师问): each gets an unnamed speaker.
UNNAMED_VOICES = (
    "有人", "网友", "主持人", "记者", "律师", "法官", "观众", "听众", "评论员", "提问者", "分析师", "专家",
    "发言人", "读者", "粉丝", "嘉宾", "同事", "朋友",
)
# Voices that may be anyone each time they speak, rather than the same person again.
ANYONE_VOICES = frozenset(("有人", "网友", "观众", "听众", "读者", "粉丝"))

# How a narrator takes the word back at the start of a line. Phrases count anywhere at the line's start;
# words only standing alone (followed by a pause or nothing), since they also open ordinary sentences.
TURN_BACK_PHRASES = ("说回", "话说回来", "言归正传", "以上就是", "以上是", "总的来说", "总体来说", "总而言之", "综上")
TURN_BACK_WORDS = ("好了", "好啦", "好的", "那么", "不过", "可以说", "总之", "接下来", "下面", "最后")
# Words only a narrator says to the audience.
AUDIENCE_WORDS = ("各位", "观众", "朋友们", "评论区", "点赞", "订阅", "大家好", "感谢大家", "下期再见")
# How a show names itself (这里是最佳拍档, 欢迎收听…): a show, never a person.
SHOW_INTRODUCTIONS = ("这里是", "欢迎收看", "欢迎收听", "欢迎来到")
# What follows a surname to make a form of address (胡总, 王老师, 李先生): a person, as a label or a name.
ADDRESS_TITLES = frozenset(
    (
        "总 总裁 董 董事长 老师 先生 女士 小姐 太太 博士 教授 经理 部长 主任 院长 校长 局长 处长 科长 主席 "
        "书记 市长 省长 委员 律师 医生 工 老板 姐 哥 导"
    ).split()
)
# Role words a speaker label uses for the host of a show.
HOST_LABELS = frozenset("主持人 主持 主播 旁白 解说 host narrator presenter anchor".split())

OPENING_QUOTES = "“「『"
CLOSING_QUOTES = "”」』"
