// The dashboard page and its charts: English and Simplified Chinese, merged into the main catalogs (../en.ts, ../zh-CN.ts).
// Keys start with 'dashboard.'. The catalogs test checks both locales have the same keys and arguments.

export const dashboardEn = {
  'dashboard.title': 'Keepcard dashboard',
  'dashboard.nav': 'Dashboard',
  'dashboard.nav.hint': 'Opens the dashboard in a new tab',
  'dashboard.subtitle':
    '{customers, plural, one {# customer} other {# customers}}, scores as of {date}. Click a bar, a stage or a row to open the customers behind it.',
  'dashboard.subtitle.unscored': '{customers, plural, one {# customer} other {# customers}}, not scored yet.',
  'dashboard.loading': 'Loading the customers…',
  'dashboard.loadFailed': 'The customers could not be read: {message}',
  'dashboard.openList': 'Open the customer list',
  'dashboard.period.label': 'Periods',
  'dashboard.period.month': 'Months',
  'dashboard.period.quarter': 'Quarters',
  'dashboard.period.quarterName': 'Q{quarter} {year}',
  'dashboard.showTable': 'Show the data as a table',
  'dashboard.opensList': 'Opens the filtered customer list in a new tab',
  'dashboard.empty.title': 'No customers yet',
  'dashboard.empty.body':
    'The dashboard draws its charts from your customers, purchases and feedback. To try it, open the side panel, go to Settings and click “Load demo data”; or clip contacts from a web page.',
  'dashboard.empty.demo': 'Open Settings to load demo data',
  'dashboard.unscored':
    '{count, plural, one {# customer has} other {# customers have}} no scores yet: they count as prospects until the side panel has scored them.',
  'dashboard.skippedCurrency':
    '{count, plural, one {# customer’s scores are} other {# customers’ scores are}} in another currency and left out of the amounts until they are rescored.',

  'dashboard.pareto.title': 'Revenue concentration',
  'dashboard.pareto.summary':
    '{customerShare} of customers ({core, plural, one {# customer} other {# customers}}, tier A) bring {revenueShare} of the revenue of the last {days} days ({total} from {customers, plural, one {# customer} other {# customers}}).',
  'dashboard.pareto.empty':
    'No revenue in the last {days} days. Record purchases on customer cards, or load demo data, to see how revenue is concentrated.',
  'dashboard.pareto.x': 'Share of customers (largest first)',
  'dashboard.pareto.y': 'Share of revenue',
  'dashboard.pareto.curve': 'Cumulative revenue',
  'dashboard.pareto.equal': 'Equal shares',
  'dashboard.pareto.coreLine': 'Core customers (tier A)',
  'dashboard.pareto.eighty': '80% of revenue',
  'dashboard.pareto.openCore': 'Open the core customers (tier A)',
  'dashboard.pareto.tableCustomers': 'Top share of customers',
  'dashboard.pareto.tableRevenue': 'Their share of revenue',

  'dashboard.tiers.title': 'Value tiers',
  'dashboard.tiers.summary':
    '{a} in tier A, {b} in tier B, {c} in tier C and {prospects, plural, one {# prospect} other {# prospects}}.',
  'dashboard.tiers.tier': 'Tier',
  'dashboard.tiers.customers': 'Customers',
  'dashboard.tiers.share': 'Share',
  'dashboard.tiers.revenue': 'Revenue, last {days} days',

  'dashboard.funnel.title': 'Lifecycle',
  'dashboard.funnel.summary':
    '{prospect} prospects, {new} new, {repeat} repeat and {loyal} loyal customers; {leaving} at risk, churned or lost.',
  'dashboard.funnel.stage': 'Stage',
  'dashboard.funnel.customers': 'Customers',
  'dashboard.funnel.conversion': 'Went on from the stage before',
  'dashboard.funnel.growing': 'Growing',
  'dashboard.funnel.leaving': 'Leaving',

  'dashboard.churn.title': 'Churn risk',
  'dashboard.churn.summary':
    '{customers, plural, one {# customer is} other {# customers are}} at risk, with {total} of expected revenue at risk.',
  'dashboard.churn.none':
    'Nobody is at risk right now. Customers with a high churn risk or in the at-risk stage appear here.',
  'dashboard.churn.formula':
    'Revenue at risk = churn risk × the customer’s revenue of the last {days} days (what leaves with them in a year).',
  'dashboard.churn.customer': 'Customer',
  'dashboard.churn.risk': 'Churn risk',
  'dashboard.churn.revenue': 'Revenue, last {days} days',
  'dashboard.churn.atRisk': 'Revenue at risk',
  'dashboard.churn.lastPurchase': 'Last purchase',
  'dashboard.churn.openAll': 'Open all at-risk customers',
  'dashboard.churn.more': 'Showing the {shown} largest of {total}.',

  'dashboard.complaints.title': 'Complaints by category',
  'dashboard.complaints.summary':
    '{total, plural, one {# complaint} other {# complaints}} from {from} to {to}; most in {top} ({topCount}).',
  'dashboard.complaints.empty':
    'No complaints recorded. Complaints recorded on a customer card (with a category) are counted here per period.',
  'dashboard.complaints.uncategorized': 'No category',
  'dashboard.complaints.period': 'Period',
  'dashboard.complaints.total': 'Total',
  'dashboard.complaints.hiddenCategories':
    'The chart shows the {shown} largest categories; the table lists all {total}.',
  'dashboard.complaints.cellLink': '{count} ({category}, {period}): open these customers',

  'dashboard.nps.title': 'Net Promoter Score',
  'dashboard.nps.summary':
    'Latest NPS {nps} in {period} from {answers, plural, one {# answer} other {# answers}}; {total, plural, one {# answer} other {# answers}} over all periods.',
  'dashboard.nps.summaryNoLatest':
    'No answers in {period}; {total, plural, one {# answer} other {# answers}} over all periods, last NPS {nps} in {lastPeriod}.',
  'dashboard.nps.empty':
    'No NPS answers yet. Record satisfaction scores on the NPS scale (0-10) on customer cards to follow the score over time.',
  'dashboard.nps.explain':
    'NPS = % promoters (9-10) − % detractors (0-6), each customer’s latest answer in a period. Gaps are periods without answers.',
  'dashboard.nps.score': 'NPS',
  'dashboard.nps.answers': 'Answers',
  'dashboard.nps.promoters': 'Promoters',
  'dashboard.nps.passives': 'Passives',
  'dashboard.nps.detractors': 'Detractors',
  'dashboard.nps.noAnswers': 'no answers',
  'dashboard.nps.openDetractors': '{count, plural, one {Open the detractor} other {Open the # detractors}}',
  'dashboard.nps.openRespondents':
    '{count, plural, one {Open the customer who answered} other {Open the # who answered}}',

  'dashboard.link.tier': 'Dashboard: {tier}',
  'dashboard.link.stage': 'Dashboard: lifecycle stage {stage}',
  'dashboard.link.atRisk': 'Dashboard: customers at risk',
  'dashboard.link.complaints': 'Dashboard: complaints “{category}”, {period}',
  'dashboard.link.detractors': 'Dashboard: NPS detractors, {period}',
  'dashboard.link.respondents': 'Dashboard: NPS answers, {period}',
  'dashboard.link.applied': 'Showing the list behind a chart. {label}',
  'dashboard.link.showAll': 'Show all customers',
  'dashboard.link.invalid':
    'This link’s list filter is not valid ({field}: {reason}), so no filter was applied. Showing all customers.',
  'dashboard.link.notJson': 'not readable JSON',
  'dashboard.link.missing': 'missing',
  'dashboard.link.unknownValue': 'a value the list does not know',
  'dashboard.link.unknownCriterion': 'a criterion the list does not know',
  'dashboard.link.filterField': 'filter',
} as const;

export const dashboardZhCN: Record<keyof typeof dashboardEn, string> = {
  'dashboard.title': 'Keepcard 仪表盘',
  'dashboard.nav': '仪表盘',
  'dashboard.nav.hint': '在新标签页中打开仪表盘',
  'dashboard.subtitle': '共 {customers} 位客户，评分截至 {date}。点击柱形、阶段或行，打开其背后的客户列表。',
  'dashboard.subtitle.unscored': '共 {customers} 位客户，尚未评分。',
  'dashboard.loading': '正在读取客户…',
  'dashboard.loadFailed': '无法读取客户：{message}',
  'dashboard.openList': '打开客户列表',
  'dashboard.period.label': '周期',
  'dashboard.period.month': '按月',
  'dashboard.period.quarter': '按季度',
  'dashboard.period.quarterName': '{year}年第{quarter}季度',
  'dashboard.showTable': '以表格显示数据',
  'dashboard.opensList': '在新标签页中打开筛选后的客户列表',
  'dashboard.empty.title': '还没有客户',
  'dashboard.empty.body':
    '仪表盘的图表来自您的客户、购买记录和反馈。想试用的话，请打开侧边栏，进入“设置”，点击“加载示例数据”；也可以从网页摘取联系人。',
  'dashboard.empty.demo': '打开设置以加载示例数据',
  'dashboard.unscored': '{count} 位客户尚未评分：在侧边栏完成评分之前，他们计为潜在客户。',
  'dashboard.skippedCurrency': '{count} 位客户的评分使用另一种货币，在重新评分之前不计入金额。',

  'dashboard.pareto.title': '收入集中度',
  'dashboard.pareto.summary':
    '{customerShare} 的客户（{core} 位，A 类）带来了近 {days} 天收入的 {revenueShare}（{customers} 位客户共 {total}）。',
  'dashboard.pareto.empty': '近 {days} 天没有收入。在客户卡上记录购买，或加载示例数据，即可查看收入集中度。',
  'dashboard.pareto.x': '客户占比（从大到小）',
  'dashboard.pareto.y': '收入占比',
  'dashboard.pareto.curve': '累计收入',
  'dashboard.pareto.equal': '平均分布',
  'dashboard.pareto.coreLine': '核心客户（A 类）',
  'dashboard.pareto.eighty': '80% 收入',
  'dashboard.pareto.openCore': '打开核心客户（A 类）',
  'dashboard.pareto.tableCustomers': '前 N% 客户',
  'dashboard.pareto.tableRevenue': '其收入占比',

  'dashboard.tiers.title': '价值分类',
  'dashboard.tiers.summary': 'A 类 {a} 位，B 类 {b} 位，C 类 {c} 位，潜在客户 {prospects} 位。',
  'dashboard.tiers.tier': '分类',
  'dashboard.tiers.customers': '客户数',
  'dashboard.tiers.share': '占比',
  'dashboard.tiers.revenue': '近 {days} 天收入',

  'dashboard.funnel.title': '生命周期',
  'dashboard.funnel.summary':
    '潜在客户 {prospect} 位，新客户 {new} 位，回头客 {repeat} 位，忠诚客户 {loyal} 位；有流失风险、已流失或已丢失的共 {leaving} 位。',
  'dashboard.funnel.stage': '阶段',
  'dashboard.funnel.customers': '客户数',
  'dashboard.funnel.conversion': '从上一阶段继续发展',
  'dashboard.funnel.growing': '发展中',
  'dashboard.funnel.leaving': '流失中',

  'dashboard.churn.title': '流失风险',
  'dashboard.churn.summary': '{customers} 位客户有流失风险，预计风险收入 {total}。',
  'dashboard.churn.none': '目前没有客户面临流失风险。流失风险高或处于“有流失风险”阶段的客户会显示在这里。',
  'dashboard.churn.formula': '风险收入 = 流失风险 × 该客户近 {days} 天的收入（客户流失后一年内失去的收入）。',
  'dashboard.churn.customer': '客户',
  'dashboard.churn.risk': '流失风险',
  'dashboard.churn.revenue': '近 {days} 天收入',
  'dashboard.churn.atRisk': '风险收入',
  'dashboard.churn.lastPurchase': '最近购买',
  'dashboard.churn.openAll': '打开全部有流失风险的客户',
  'dashboard.churn.more': '显示 {total} 位中风险收入最高的 {shown} 位。',

  'dashboard.complaints.title': '投诉类别',
  'dashboard.complaints.summary': '{from} 至 {to} 共 {total} 条投诉；最多的是“{top}”（{topCount} 条）。',
  'dashboard.complaints.empty': '还没有投诉记录。在客户卡上记录的投诉（含类别）会按周期统计在这里。',
  'dashboard.complaints.uncategorized': '未分类',
  'dashboard.complaints.period': '周期',
  'dashboard.complaints.total': '合计',
  'dashboard.complaints.hiddenCategories': '图表显示最多的 {shown} 个类别；表格列出全部 {total} 个。',
  'dashboard.complaints.cellLink': '{count}（{category}，{period}）：打开这些客户',

  'dashboard.nps.title': '净推荐值（NPS）',
  'dashboard.nps.summary': '{period} 的 NPS 为 {nps}，共 {answers} 份回答；所有周期共 {total} 份回答。',
  'dashboard.nps.summaryNoLatest':
    '{period} 没有回答；所有周期共 {total} 份回答，最近一次 NPS 为 {lastPeriod} 的 {nps}。',
  'dashboard.nps.empty': '还没有 NPS 回答。在客户卡上按 NPS 量表（0-10）记录满意度，即可跟踪其变化。',
  'dashboard.nps.explain':
    'NPS = 推荐者（9-10 分）占比 − 贬损者（0-6 分）占比，每位客户在一个周期内取最近一次回答。空缺表示该周期没有回答。',
  'dashboard.nps.score': 'NPS',
  'dashboard.nps.answers': '回答数',
  'dashboard.nps.promoters': '推荐者',
  'dashboard.nps.passives': '被动者',
  'dashboard.nps.detractors': '贬损者',
  'dashboard.nps.noAnswers': '没有回答',
  'dashboard.nps.openDetractors': '打开 {count} 位贬损者',
  'dashboard.nps.openRespondents': '打开 {count} 位回答者',

  'dashboard.link.tier': '仪表盘：{tier}',
  'dashboard.link.stage': '仪表盘：生命周期阶段“{stage}”',
  'dashboard.link.atRisk': '仪表盘：有流失风险的客户',
  'dashboard.link.complaints': '仪表盘：投诉“{category}”，{period}',
  'dashboard.link.detractors': '仪表盘：NPS 贬损者，{period}',
  'dashboard.link.respondents': '仪表盘：NPS 回答者，{period}',
  'dashboard.link.applied': '正在显示图表背后的客户列表。{label}',
  'dashboard.link.showAll': '显示全部客户',
  'dashboard.link.invalid': '此链接的列表筛选条件无效（{field}：{reason}），因此未应用筛选，显示全部客户。',
  'dashboard.link.notJson': '不是可读取的 JSON',
  'dashboard.link.missing': '缺失',
  'dashboard.link.unknownValue': '列表不认识的值',
  'dashboard.link.unknownCriterion': '列表不认识的条件',
  'dashboard.link.filterField': '筛选条件',
};
