/** The 17 demo branches, each with its members' share and a few real towns (with their postal codes) of its prefecture. */
export interface DemoBranch {
  code: string;
  nameJa: string;
  nameEn: string;
  prefecture: string;
  phone: string;
  /** Individual members of the branch; they add up to 7,000. */
  members: number;
  towns: readonly [string, string][];
}

export const DEMO_BRANCHES: readonly DemoBranch[] = [
  { code: 'HKD', nameJa: '北海道支部', nameEn: 'Hokkaido', prefecture: '北海道', phone: '011-221-0001', members: 350, towns: [['札幌市中央区北一条西', '0600001'], ['旭川市宮下通', '0700030'], ['函館市本町', '0400011']] },
  { code: 'MYG', nameJa: '宮城支部', nameEn: 'Miyagi', prefecture: '宮城県', phone: '022-261-0002', members: 180, towns: [['仙台市青葉区国分町', '9800803'], ['仙台市宮城野区榴岡', '9830852']] },
  { code: 'FKS', nameJa: '福島支部', nameEn: 'Fukushima', prefecture: '福島県', phone: '024-521-0003', members: 50, towns: [['福島市栄町', '9608031'], ['郡山市駅前', '9638002'], ['いわき市平', '9708026']] },
  { code: 'STM', nameJa: '埼玉支部', nameEn: 'Saitama', prefecture: '埼玉県', phone: '048-822-0004', members: 500, towns: [['さいたま市浦和区高砂', '3300063'], ['川越市脇田町', '3501123'], ['川口市栄町', '3320017']] },
  { code: 'CHB', nameJa: '千葉支部', nameEn: 'Chiba', prefecture: '千葉県', phone: '043-222-0005', members: 450, towns: [['千葉市中央区富士見', '2600015'], ['船橋市本町', '2730005'], ['柏市柏', '2770005']] },
  { code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo', prefecture: '東京都', phone: '03-3341-0006', members: 1600, towns: [['新宿区西新宿', '1600023'], ['世田谷区太子堂', '1540004'], ['足立区千住', '1200034'], ['八王子市旭町', '1920083']] },
  { code: 'KNG', nameJa: '神奈川支部', nameEn: 'Kanagawa', prefecture: '神奈川県', phone: '045-641-0007', members: 700, towns: [['横浜市中区山下町', '2310023'], ['川崎市川崎区駅前本町', '2100007'], ['相模原市中央区相模原', '2520231']] },
  { code: 'NGT', nameJa: '新潟支部', nameEn: 'Niigata', prefecture: '新潟県', phone: '025-241-0008', members: 120, towns: [['新潟市中央区万代', '9500088'], ['長岡市大手通', '9400062']] },
  { code: 'NGN', nameJa: '長野支部', nameEn: 'Nagano', prefecture: '長野県', phone: '026-226-0009', members: 100, towns: [['長野市大字南長野', '3800836'], ['松本市中央', '3900811']] },
  { code: 'SZO', nameJa: '静岡支部', nameEn: 'Shizuoka', prefecture: '静岡県', phone: '054-252-0010', members: 250, towns: [['静岡市葵区追手町', '4200853'], ['浜松市中区板屋町', '4300928']] },
  { code: 'AIC', nameJa: '愛知支部', nameEn: 'Aichi', prefecture: '愛知県', phone: '052-241-0011', members: 600, towns: [['名古屋市中区栄', '4600008'], ['名古屋市中村区名駅', '4500002'], ['豊橋市駅前大通', '4400888']] },
  { code: 'KYT', nameJa: '京都支部', nameEn: 'Kyoto', prefecture: '京都府', phone: '075-211-0012', members: 250, towns: [['京都市下京区東塩小路町', '6008216'], ['京都市左京区田中里ノ前町', '6068226']] },
  { code: 'OSK', nameJa: '大阪支部', nameEn: 'Osaka', prefecture: '大阪府', phone: '06-6341-0013', members: 800, towns: [['大阪市北区梅田', '5300001'], ['大阪市中央区難波', '5420076'], ['堺市堺区南瓦町', '5900078']] },
  { code: 'HYG', nameJa: '兵庫支部', nameEn: 'Hyogo', prefecture: '兵庫県', phone: '078-331-0014', members: 400, towns: [['神戸市中央区三宮町', '6500021'], ['姫路市駅前町', '6700927'], ['尼崎市昭和通', '6600881']] },
  { code: 'HRS', nameJa: '広島支部', nameEn: 'Hiroshima', prefecture: '広島県', phone: '082-241-0015', members: 200, towns: [['広島市中区紙屋町', '7300031'], ['福山市東桜町', '7200065']] },
  { code: 'EHM', nameJa: '愛媛支部', nameEn: 'Ehime', prefecture: '愛媛県', phone: '089-941-0016', members: 50, towns: [['松山市一番町', '7900001'], ['今治市北宝来町', '7940028']] },
  { code: 'FKO', nameJa: '福岡支部', nameEn: 'Fukuoka', prefecture: '福岡県', phone: '092-431-0017', members: 400, towns: [['福岡市博多区博多駅前', '8120011'], ['北九州市小倉北区魚町', '8020006'], ['久留米市城南町', '8300022']] },
];
