// The kinds of policy the seed issues at every tier, modelled on published ones (the 2022–2025
// 专精特新 and 数字化转型 support measures, 小微企业 tax relief, 创新券): each tier's place name
// goes before the title, the year the window opens after it.
export interface PolicyTemplate {
  title: string;
  category: string;
  benefit: string;
  delivery: 'AUTOMATIC' | 'APPLICATION';
  /** Lowest designation required; '' for none. */
  minDesignation: string;
  /** GB/T 4754 prefixes, comma-separated; '' for every industry. */
  industries: string;
  pilotOnly: boolean;
  /** The most one enterprise receives, yuan; 0 where the benefit is not a sum. */
  maxAmount: number;
  /** Scales, comma-separated; '' for every scale. */
  scales: string;
  beneficiaries: string;
  materials: string;
}

const t = (template: PolicyTemplate) => template;

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  t({
    title: '专精特新“小巨人”企业高质量发展奖励',
    category: 'TEC',
    benefit: 'REWARD',
    delivery: 'AUTOMATIC',
    minDesignation: 'LITTLE_GIANT',
    industries: '',
    pilotOnly: false,
    maxAmount: 500000,
    scales: '',
    beneficiaries: '经认定且在有效期内的专精特新“小巨人”企业',
    materials: '免申即享：依据认定名单直接兑付，无需提交材料',
  }),
  t({
    title: '专精特新中小企业认定一次性奖励',
    category: 'TEC',
    benefit: 'REWARD',
    delivery: 'AUTOMATIC',
    minDesignation: 'SPECIALIZED_SME',
    industries: '',
    pilotOnly: false,
    maxAmount: 200000,
    scales: '',
    beneficiaries: '当年新认定的省级专精特新中小企业',
    materials: '免申即享：依据省级认定名单直接兑付',
  }),
  t({
    title: '中小企业数字化转型改造补贴',
    category: 'DIG',
    benefit: 'SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: '',
    industries: 'C',
    pilotOnly: false,
    maxAmount: 300000,
    scales: 'SMALL,MEDIUM',
    beneficiaries: '实施数字化改造的规模以上工业中小企业',
    materials: '申请表、改造合同及发票、第三方验收报告、营业执照复印件',
  }),
  t({
    title: '数字化转型试点企业改造奖补',
    category: 'DIG',
    benefit: 'SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: '',
    industries: '',
    pilotOnly: true,
    maxAmount: 400000,
    scales: '',
    beneficiaries: '列入中小企业数字化转型城市试点的企业',
    materials: '试点企业改造方案、验收材料、资金使用明细',
  }),
  t({
    title: '小微企业贷款贴息',
    category: 'FIN',
    benefit: 'LOAN_INTEREST_SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: '',
    industries: '',
    pilotOnly: false,
    maxAmount: 100000,
    scales: 'MICRO,SMALL',
    beneficiaries: '在本地登记注册、按时还本付息的小微企业',
    materials: '贷款合同、付息凭证、银行流水、营业执照复印件',
  }),
  t({
    title: '融资担保费补贴',
    category: 'FIN',
    benefit: 'GUARANTEE_FEE_SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: 'INNOVATIVE_SME',
    industries: '',
    pilotOnly: false,
    maxAmount: 50000,
    scales: '',
    beneficiaries: '通过政府性融资担保机构获得担保贷款的创新型中小企业',
    materials: '担保合同、担保费缴纳凭证、贷款合同',
  }),
  t({
    title: '科技创新券',
    category: 'TEC',
    benefit: 'VOUCHER',
    delivery: 'APPLICATION',
    minDesignation: '',
    industries: '',
    pilotOnly: false,
    maxAmount: 30000,
    scales: '',
    beneficiaries: '购买研发、检验检测服务的科技型中小企业',
    materials: '创新券申领表、服务合同、服务机构发票',
  }),
  t({
    title: '创新型中小企业房产税、城镇土地使用税减免',
    category: 'POL',
    benefit: 'TAX_RELIEF',
    delivery: 'AUTOMATIC',
    minDesignation: 'INNOVATIVE_SME',
    industries: '',
    pilotOnly: false,
    maxAmount: 0,
    scales: '',
    beneficiaries: '经认定且在有效期内的创新型中小企业',
    materials: '免申即享：税务部门依据认定名单直接减免，无需备案',
  }),
  t({
    title: '知识产权质押融资补助',
    category: 'IPR',
    benefit: 'SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: 'SPECIALIZED_SME',
    industries: '',
    pilotOnly: false,
    maxAmount: 80000,
    scales: '',
    beneficiaries: '以专利权、商标权质押获得贷款的专精特新中小企业',
    materials: '质押登记证明、贷款合同、付息凭证',
  }),
  t({
    title: '先进制造业中小企业技术改造补助',
    category: 'TEC',
    benefit: 'SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: '',
    industries: 'C34,C35,C38,C39',
    pilotOnly: false,
    maxAmount: 1000000,
    scales: '',
    beneficiaries: '通用设备、专用设备、电气机械和电子设备制造业中小企业',
    materials: '项目备案证明、设备购置发票、项目竣工报告',
  }),
  t({
    title: '中小企业人才培训补贴',
    category: 'TAL',
    benefit: 'SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: '',
    industries: '',
    pilotOnly: false,
    maxAmount: 20000,
    scales: '',
    beneficiaries: '组织职工参加职业技能培训的中小企业',
    materials: '培训计划、参训人员名单、培训机构发票',
  }),
  t({
    title: '中小企业开拓国际市场资金支持',
    category: 'TRD',
    benefit: 'SUBSIDY',
    delivery: 'APPLICATION',
    minDesignation: '',
    industries: '',
    pilotOnly: false,
    maxAmount: 60000,
    scales: '',
    beneficiaries: '参加境外展会、开展国际认证的中小企业',
    materials: '参展合同、展位费发票、认证证书',
  }),
];

/**
 * The kinds the seed issues nationally: every APPLICATION kind, and of the no-application
 * (免申即享) kinds only the little giants' reward, which the central budget pays. Provinces and
 * cities pay the others from their own lists, as they do; a national no-application policy over
 * every innovative SME would write some 170,000 entitlements per policy at the first start.
 */
export const issuedNationally = (template: PolicyTemplate): boolean =>
  template.delivery === 'APPLICATION' || template.minDesignation === 'LITTLE_GIANT';
