// The two-level service taxonomy: the twelve top categories of docs/network.md and their
// sub-categories, each with the services a centre typically offers under it.

export interface ServiceTemplate {
  name: string;
  nameEn: string;
}

export interface SubCategorySeed {
  code: string;
  name: string;
  nameEn: string;
  services: ServiceTemplate[];
}

export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  /** How a market agency specialised in this category names itself: 东莞市{…}. */
  agency: ServiceTemplate;
  subCategories: SubCategorySeed[];
}

const sub = (
  code: string,
  name: string,
  nameEn: string,
  services: [string, string][],
): SubCategorySeed => ({
  code,
  name,
  nameEn,
  services: services.map(([serviceName, serviceNameEn]) => ({
    name: serviceName,
    nameEn: serviceNameEn,
  })),
});

export const TAXONOMY: CategorySeed[] = [
  {
    code: 'FIN',
    name: '融资服务',
    nameEn: 'Financing',
    agency: { name: '中小企业融资担保有限公司', nameEn: 'SME Financing Guarantee Co., Ltd.' },
    subCategories: [
      sub('FIN-LOAN', '信贷融资', 'Credit and loans', [
        ['小微企业信用贷款对接', 'Credit loan matchmaking for micro and small enterprises'],
        ['银企对接会', 'Bank–enterprise matchmaking sessions'],
      ]),
      sub('FIN-GUAR', '融资担保', 'Financing guarantees', [
        ['政府性融资担保服务', 'Government-backed financing guarantees'],
        ['应急转贷资金服务', 'Bridge loans for loan renewal'],
      ]),
      sub('FIN-EQTY', '股权融资', 'Equity financing', [
        ['专精特新企业股权融资路演', 'Equity roadshows for specialized and sophisticated SMEs'],
        ['上市培育辅导', 'IPO readiness coaching'],
      ]),
    ],
  },
  {
    code: 'DIG',
    name: '数字化转型',
    nameEn: 'Digital transformation',
    agency: { name: '数字化转型服务有限公司', nameEn: 'Digital Transformation Services Co., Ltd.' },
    subCategories: [
      sub('DIG-DIAG', '数字化诊断', 'Digital maturity assessment', [
        ['中小企业数字化水平评测', 'SME digital maturity assessment'],
        ['智能制造诊断', 'Smart manufacturing diagnosis'],
      ]),
      sub('DIG-CLOUD', '上云用数', 'Cloud adoption', [
        ['企业上云补贴申报辅导', 'Cloud adoption subsidy application support'],
        ['工业互联网平台对接', 'Industrial internet platform onboarding'],
      ]),
      sub('DIG-SECU', '数据安全', 'Data security', [
        ['网络与数据安全合规检查', 'Network and data security compliance check'],
      ]),
    ],
  },
  {
    code: 'TAL',
    name: '人才培训',
    nameEn: 'Talent training',
    agency: { name: '企业人才发展有限公司', nameEn: 'Enterprise Talent Development Co., Ltd.' },
    subCategories: [
      sub('TAL-MGR', '经营管理人才培训', 'Executive training', [
        ['中小企业经营管理领军人才培训', 'Leadership programme for SME executives'],
        ['民营企业家素质提升班', 'Entrepreneur development course'],
      ]),
      sub('TAL-SKILL', '专业技能培训', 'Vocational skills', [
        ['数字技能职业培训', 'Digital skills vocational training'],
        ['技能人才定向培养', 'Targeted skilled-worker training'],
      ]),
      sub('TAL-RECR', '人才招聘', 'Recruitment', [
        ['高校毕业生就业对接', 'Graduate recruitment matchmaking'],
        ['中小企业专场招聘会', 'SME job fairs'],
      ]),
    ],
  },
  {
    code: 'IPR',
    name: '知识产权',
    nameEn: 'Intellectual property',
    agency: { name: '知识产权代理有限公司', nameEn: 'Intellectual Property Agency Co., Ltd.' },
    subCategories: [
      sub('IPR-PAT', '专利服务', 'Patents', [
        ['专利申请与布局辅导', 'Patent filing and portfolio coaching'],
        ['专利导航分析', 'Patent landscape analysis'],
      ]),
      sub('IPR-TM', '商标服务', 'Trademarks', [
        ['商标注册与品牌保护', 'Trademark registration and brand protection'],
      ]),
      sub('IPR-PROT', '维权援助', 'IP enforcement assistance', [
        ['知识产权维权援助', 'IP enforcement assistance'],
        ['海外知识产权纠纷应对指导', 'Guidance on overseas IP disputes'],
      ]),
    ],
  },
  {
    code: 'TRD',
    name: '跨境贸易',
    nameEn: 'Cross-border trade',
    agency: {
      name: '跨境电子商务服务有限公司',
      nameEn: 'Cross-border E-commerce Services Co., Ltd.',
    },
    subCategories: [
      sub('TRD-ECOM', '跨境电商', 'Cross-border e-commerce', [
        ['跨境电商出海孵化', 'Cross-border e-commerce launch programme'],
        ['海外仓对接服务', 'Overseas warehouse matchmaking'],
      ]),
      sub('TRD-FAIR', '展会与市场开拓', 'Trade fairs and market access', [
        ['境外展会组团参展', 'Group participation in overseas trade fairs'],
        ['“一带一路”市场开拓对接', 'Belt and Road market access matchmaking'],
      ]),
      sub('TRD-COMP', '贸易合规', 'Trade compliance', [
        ['出口合规与贸易摩擦预警', 'Export compliance and trade-friction alerts'],
        ['RCEP原产地规则辅导', 'RCEP rules-of-origin coaching'],
      ]),
    ],
  },
  {
    code: 'TEC',
    name: '技术创新',
    nameEn: 'Technology innovation',
    agency: { name: '科技成果转化服务有限公司', nameEn: 'Technology Transfer Services Co., Ltd.' },
    subCategories: [
      sub('TEC-RD', '研发合作', 'R&D partnerships', [
        ['产学研合作对接', 'University–industry R&D matchmaking'],
        ['关键核心技术攻关对接', 'Key technology breakthrough partnering'],
      ]),
      sub('TEC-TRANS', '成果转化', 'Technology transfer', [
        ['科技成果转化对接', 'Technology transfer matchmaking'],
        ['技术合同登记辅导', 'Technology contract registration support'],
      ]),
      sub('TEC-QUAL', '资质认定', 'Innovation qualifications', [
        ['专精特新中小企业认定辅导', 'Specialized and sophisticated SME certification coaching'],
        ['高新技术企业认定辅导', 'High-tech enterprise certification coaching'],
      ]),
    ],
  },
  {
    code: 'POL',
    name: '政策咨询',
    nameEn: 'Policy consulting',
    agency: { name: '企业政策咨询有限公司', nameEn: 'Enterprise Policy Consulting Co., Ltd.' },
    subCategories: [
      sub('POL-INFO', '政策解读', 'Policy briefings', [
        ['惠企政策解读与推送', 'Briefings on support policies for enterprises'],
        ['中小企业政策宣讲会', 'SME policy information sessions'],
      ]),
      sub('POL-APPL', '项目申报', 'Programme applications', [
        ['专项资金申报辅导', 'Support for special-fund applications'],
        ['“小巨人”企业培育申报辅导', 'Little giant application coaching'],
      ]),
      sub('POL-TAX', '财税政策', 'Tax policy', [
        ['减税降费政策辅导', 'Tax and fee relief coaching'],
      ]),
    ],
  },
  {
    code: 'LAW',
    name: '法律服务',
    nameEn: 'Legal services',
    agency: { name: '律师事务所', nameEn: 'Law Firm' },
    subCategories: [
      sub('LAW-CONS', '法律咨询', 'Legal advice', [
        ['中小企业法律顾问服务', 'Legal counsel for SMEs'],
        ['合同审查服务', 'Contract review'],
      ]),
      sub('LAW-DISP', '纠纷调解', 'Dispute resolution', [
        ['商事纠纷调解', 'Commercial dispute mediation'],
        ['账款拖欠投诉受理', 'Payment-arrears complaints'],
      ]),
      sub('LAW-RISK', '合规体检', 'Compliance check-ups', [
        ['企业法律风险体检', 'Legal risk check-up'],
      ]),
    ],
  },
  {
    code: 'ENT',
    name: '创业服务',
    nameEn: 'Entrepreneurship',
    agency: { name: '创业孵化器管理有限公司', nameEn: 'Startup Incubator Management Co., Ltd.' },
    subCategories: [
      sub('ENT-INCU', '孵化服务', 'Incubation', [
        ['小微企业创业创新基地入驻', 'Places in the SME entrepreneurship and innovation base'],
        ['创业孵化辅导', 'Startup incubation coaching'],
      ]),
      sub('ENT-REG', '开办服务', 'Business set-up', [
        ['企业开办一站式代办', 'One-stop business registration'],
      ]),
      sub('ENT-COMP', '创业大赛', 'Startup competitions', [
        ['“创客中国”创新创业大赛报名辅导', 'Maker China competition coaching'],
      ]),
    ],
  },
  {
    code: 'MGT',
    name: '管理咨询',
    nameEn: 'Management consulting',
    agency: { name: '企业管理咨询有限公司', nameEn: 'Management Consulting Co., Ltd.' },
    subCategories: [
      sub('MGT-STRAT', '战略与运营', 'Strategy and operations', [
        ['企业发展战略诊断', 'Business strategy diagnosis'],
        ['精益生产管理咨询', 'Lean manufacturing consulting'],
      ]),
      sub('MGT-FIN', '财务管理', 'Financial management', [
        ['财务规范化辅导', 'Financial management coaching'],
      ]),
      sub('MGT-QUAL', '质量管理', 'Quality management', [
        ['质量管理体系建设辅导', 'Quality management system coaching'],
      ]),
    ],
  },
  {
    code: 'MAT',
    name: '大中小企业融通',
    nameEn: 'Large–small enterprise matchmaking',
    agency: {
      name: '产业链融通服务有限公司',
      nameEn: 'Supply Chain Matchmaking Services Co., Ltd.',
    },
    subCategories: [
      sub('MAT-CHAIN', '产业链对接', 'Supply-chain matchmaking', [
        ['大中小企业融通对接会', 'Large–small enterprise matchmaking fair'],
        ['产业链供需对接', 'Supply-chain demand matchmaking'],
      ]),
      sub('MAT-PROC', '采购对接', 'Procurement', [
        ['大企业采购需求发布', 'Large-enterprise procurement notices'],
      ]),
      sub('MAT-CLUS', '集群发展', 'Cluster development', [
        ['中小企业特色产业集群培育', 'SME industrial cluster development'],
      ]),
    ],
  },
  {
    code: 'TST',
    name: '检验检测',
    nameEn: 'Testing and certification',
    agency: { name: '检验检测认证有限公司', nameEn: 'Testing and Certification Co., Ltd.' },
    subCategories: [
      sub('TST-LAB', '检验检测', 'Laboratory testing', [
        ['产品质量检验检测', 'Product quality testing'],
        ['计量校准服务', 'Metrology and calibration'],
      ]),
      sub('TST-CERT', '认证服务', 'Certification', [
        ['产品认证与体系认证辅导', 'Product and management-system certification'],
      ]),
      sub('TST-STD', '标准化服务', 'Standardisation', [
        ['团体标准制定辅导', 'Association standards drafting support'],
      ]),
    ],
  },
];
