// Fresh held-out set: 48 hand-written worker queries (惠水县 workers, at home or in 广东).
// Written from the postings, related.tsv, csco22.csv and the place data only; never from the
// matcher, its lexicons or any other query set. Each query has a stable `key` used by
// overrides.json; build.mjs shuffles them and numbers them F001…F048.
//
// Code names used below (CSCO 2022):
const FACTORY = ['6-25-04-07', '6-25-04-02', '6-24-05-04', '6-24-04-00', '6-14-02-00', '6-31-05-00', '6-05-04-01', '6-31-03-05'];
// 电子设备装接工, 通信终端设备制造工, 小型家用电器制造工, 电池制造工, 塑料制品成型制作工, 包装工, 制鞋工, 质检员
const FACTORY_REL = ['6-02-06-09', '6-01-06-00', '6-02-02-02', '6-11-01-02', '6-11-10-01', '6-12-03-00', '6-05-01-03'];
// 饮料制作工, 果蔬坚果加工工, 果脯蜜饯加工工, 化工单元操作工, 合成洗涤剂制造工, 药物制剂工, 缝纫工
const QN = '黔南布依族苗族自治州';

export const queries = [
  // ---------------- dialect ----------------
  { key: 'd1', style: ['dialect', 'gig'], home: '明田街道',
    text: '我砌墙搞得来 县城头有不有活路 想做一天拿一天的钱',
    gold: { trades: ['6-29-01-01'], place: 'county:惠水县', type: 'gig' } }, // 砌筑工
  { key: 'd2', style: ['dialect', 'needs'], home: '雅水镇',
    text: '我婆娘会绣花 有莫得拿回屋头绣的活 我们在雅水',
    gold: { trades: ['6-09-03-11'], place: 'county:惠水县', type: 'homework' } }, // 抽纱刺绣工
  { key: 'd4', style: ['dialect', 'age', 'needs'], home: '好花红镇',
    text: '年纪大了 重活路搞不动了 想在屋头边边找点轻巧活路做 好花红的',
    gold: { trades: [], place: 'near_home_km:10', needs: ['light_work', 'near_home'] } },
  { key: 'd5', style: ['dialect', 'negation'], home: null,
    text: '不想克广东了 就在黔南这边开车 我有B2',
    gold: { trades: ['4-02-02-02'], related: ['4-02-02-01'], place: `city:${QN}` } }, // 道路货运汽车驾驶员

  // ---------------- voice ----------------
  { key: 'v1', style: ['voice', 'needs'], home: null,
    text: '喂你好我想问一下广州荔湾那边有没有洗碗的工作就是饭店里面洗碗那种我以前在县城洗过两年碗的嗯要包住的包住的',
    gold: { trades: ['4-03-02-05'], place: 'county:荔湾区', needs: ['board_lodging'] } }, // 餐厅服务员 (洗碗)
  { key: 'v2', style: ['voice', 'age', 'negation', 'needs'], home: '断杉镇',
    text: '我是断杉的今年四十六了想去惠州那边进厂嘛听说那边电子厂多就是不要上夜班的只做白班的那种有没有',
    gold: { trades: FACTORY, related: FACTORY_REL, place: 'city:惠州市', exclude: ['night_shift'], needs: ['day_shift'], age: 46 } },
  { key: 'v3', style: ['voice', 'training'], home: '涟江街道',
    text: '那个我想学炒菜就是学当厨师嘛有没有不要钱的那种学好了可以去广东上班的我住在涟江这边',
    gold: { trades: ['4-03-02-01'], type: 'training' } }, // 中式烹调师
  { key: 'v4', style: ['voice', 'dialect', 'needs'], home: '王佑镇',
    text: '就是我腰杆不好嘛搬不得重东西想找个坐起做的活路钱少点都没得事只要离屋头近点我在王佑',
    gold: { trades: [], place: 'near_home_km:15', needs: ['light_work', 'near_home'] } },

  // ---------------- typo ----------------
  { key: 't1', style: ['typo', 'needs'], home: null,
    text: '找宝洁工作 荔弯那边 要包住',
    gold: { trades: ['4-09-08-01'], place: 'county:荔湾区', needs: ['board_lodging'] } }, // 保洁员
  { key: 't2', style: ['typo'], home: null,
    text: '惠洲 送快递派建的工作',
    gold: { trades: ['4-02-07-08'], place: 'city:惠州市' } }, // 快递员
  { key: 't4', style: ['typo', 'age', 'needs'], home: null,
    text: '养劳院护理 贵羊 要包吃住 我53岁',
    gold: { trades: ['4-10-01-05'], place: 'city:贵阳市', needs: ['board_lodging'], age: 53 } }, // 养老护理员
  { key: 't5', style: ['typo', 'needs'], home: null,
    text: '朝州陶瓷厂 打包装箱 包吃住',
    gold: { trades: ['6-31-05-00'], place: 'city:潮州市', needs: ['board_lodging'] } }, // 包装工

  // ---------------- pinyin ----------------
  { key: 'p1', style: ['pinyin', 'needs'], home: null,
    text: 'wo xiang zuo fuwuyuan guiyang baochizhu',
    gold: { trades: ['4-03-02-05'], place: 'city:贵阳市', needs: ['board_lodging'] } },
  { key: 'p2', style: ['pinyin', 'training'], home: null,
    text: 'xiang xue dianhan mianfei de',
    gold: { trades: ['6-18-02-04'], type: 'training' } }, // 焊工
  { key: 'p3', style: ['pinyin', 'gig'], home: null,
    text: 'banyun rijie guangzhou',
    gold: { trades: ['4-02-05-01'], place: 'city:广州市', type: 'gig' } }, // 装卸搬运工
  { key: 'p4', style: ['pinyin'], home: '芦山镇',
    text: 'yang zhu de huo lushan',
    gold: { trades: ['5-03-02-01'], place: 'town:芦山镇' } }, // 家畜饲养员

  // ---------------- english ----------------
  { key: 'e1', style: ['english', 'needs'], home: '摆金镇',
    text: 'cleaner part time huishui',
    gold: { trades: ['4-09-08-01'], place: 'county:惠水县', needs: ['flexible_hours'] } },
  { key: 'e2', style: ['english'], home: null,
    text: 'driver job guangzhou, I have C1',
    gold: { trades: ['4-02-02-02', '4-02-02-01'], place: 'city:广州市' } },
  { key: 'e3', style: ['english', 'gig'], home: null,
    text: 'factory job huizhou daily pay',
    gold: { trades: FACTORY, related: FACTORY_REL, place: 'city:惠州市', type: 'gig' } },
  { key: 'e5', style: ['english', 'negation'], home: null,
    text: 'nanny in huishui, not live-in',
    gold: { trades: ['4-10-01-06', '4-10-01-03'], place: 'county:惠水县', exclude: ['live_in'] } }, // 家政服务员, 保育师

  // ---------------- negation ----------------
  { key: 'n1', style: ['negation'], home: null,
    text: '不想进厂了 荔湾那边的饭店或者超市 端盘子收钱都行 不上夜班',
    gold: { trades: ['4-03-02-05', '4-01-02-04'], place: 'county:荔湾区', exclude: ['night_shift'] } }, // 餐厅服务员, 收银员
  { key: 'n2', style: ['negation'], home: '涟江街道',
    text: '在县城搞卫生的活 公益岗那种不要 钱太少了',
    gold: { trades: ['4-09-08-01'], place: 'near_home_km:10', exclude: ['type:public_welfare'] } },
  { key: 'n3', style: ['negation'], home: null,
    text: '电焊 有证 就在贵州省内 贵阳不去',
    gold: { trades: ['6-18-02-04'], place: 'province:贵州', exclude: ['place:city:贵阳市'] } },
  { key: 'n4', style: ['negation', 'needs'], home: '濛江街道',
    text: '分拣快递的 龙里惠水都可以 只上白天班',
    gold: { trades: ['4-02-07-09'], place: `city:${QN}`, exclude: ['night_shift'], needs: ['day_shift'] } }, // 快件处理员

  // ---------------- age ----------------
  { key: 'a1', style: ['age'], home: '岗度镇',
    text: '58岁了还有人要不 扫地看门都可以 惠水县内的',
    gold: { trades: ['4-09-08-01', '4-07-05-01'], place: 'county:惠水县', age: 58 } }, // 保洁员, 保安员
  { key: 'a2', style: ['age'], home: null,
    text: '快六十岁了 身体还好 想去广州医院做护工',
    gold: { trades: ['4-14-01-02'], place: 'city:广州市', age: 59 } }, // 医疗护理员
  { key: 'a3', style: ['age', 'wage', 'needs'], home: null,
    text: '35岁 想进电子厂 包吃住 工资要五千五以上',
    gold: { trades: ['6-25-04-07', '6-25-04-02'], related: ['6-24-05-04', '6-24-04-00'], wage_floor: 5500, needs: ['board_lodging'], age: 35 } },
  { key: 'a4', style: ['age'], home: null,
    text: '52岁 想去潮州陶瓷厂上班',
    gold: { trades: ['6-15-05-02', '6-15-05-03', '6-15-05-04', '6-09-03-03'], related: ['6-31-05-00', '6-31-03-05'], place: 'city:潮州市', age: 52 } },

  // ---------------- needs ----------------
  { key: 'ne1', style: ['needs'], home: '涟江街道',
    text: '要接送娃娃上学放学 只能做半天 涟江这附近',
    gold: { trades: [], place: 'near_home_km:10', needs: ['flexible_hours', 'near_home'] } },
  { key: 'ne2', style: ['needs'], home: null,
    text: '不认得字 想去广东进厂 有没有要的',
    gold: { trades: FACTORY, related: FACTORY_REL, place: 'province:广东', needs: ['no_literacy'] } },
  { key: 'ne3', style: ['needs', 'dialect'], home: null,
    text: '膝盖不好站不得久 要坐到做的 惠州广州都去得',
    gold: { trades: [], place: 'province:广东', exclude: ['place:city:潮州市'], needs: ['light_work'] } },
  { key: 'ne4', style: ['needs', 'wage'], home: '雅水镇',
    text: '想找个每天能回屋睡觉的 雅水这边 一个月三千左右就行',
    gold: { trades: [], place: 'near_home_km:15', wage_floor: 3000, needs: ['near_home'] } },

  // ---------------- gig ----------------
  { key: 'g1', style: ['gig', 'dialect'], home: '好花红镇',
    text: '这几天闲起 想打几天零工 好花红附近 农活也做',
    gold: { trades: [], place: 'near_home_km:15', type: 'gig', needs: ['near_home'] } },
  { key: 'g2', style: ['gig', 'wage', 'dialect'], home: null,
    text: '荔湾 日结 啥都干 一天最少两百五',
    gold: { trades: [], place: 'county:荔湾区', type: 'gig', wage_floor: 6500 } },
  { key: 'g3', style: ['gig', 'typo'], home: null,
    text: '都匀踩茶 做几天',
    gold: { trades: ['5-01-02-02'], place: 'county:都匀市', type: 'gig' } }, // 园艺工 (采茶)
  { key: 'g4', style: ['gig'], home: null,
    text: '绑钢筋的 按天结钱 惠水有没有',
    gold: { trades: ['6-29-01-04'], place: 'county:惠水县', type: 'gig' } }, // 钢筋工

  // ---------------- training ----------------
  { key: 'tr1', style: ['training'], home: null,
    text: '想学开叉车 顺便考个证',
    gold: { trades: ['6-30-05-01'], type: 'training' } }, // 起重装卸机械操作工
  { key: 'tr2', style: ['training', 'dialect'], home: null,
    text: '想学门手艺 广州那边有不有教绣花的',
    gold: { trades: ['6-09-03-11'], place: 'city:广州市', type: 'training' } },
  { key: 'tr5', style: ['training'], home: null,
    text: '想学理发 当学徒也行 惠水',
    gold: { trades: ['4-10-03-02'], place: 'county:惠水县', type: 'training' } }, // 美发师
  { key: 'a5', style: ['training', 'age'], home: null,
    text: '46岁了还能学当月嫂不 有免费培训没',
    gold: { trades: ['4-10-01-06'], type: 'training', age: 46 } },

  // ---------------- hourly ----------------
  { key: 'h1', style: ['hourly'], home: null,
    text: '小时工 一个钟二十块以上 广州',
    gold: { trades: [], place: 'city:广州市', type: 'gig', wage_floor: 4160 } },
  { key: 'h2', style: ['hourly'], home: null,
    text: '龙里 按钟点算钱的活',
    gold: { trades: [], place: 'county:龙里县', type: 'gig' } },
  { key: 'h3', style: ['hourly', 'english', 'pinyin'], home: null,
    text: 'hourly job huizhou 22 kuai yishang',
    gold: { trades: [], place: 'city:惠州市', type: 'gig', wage_floor: 4576 } },
  { key: 'h4', style: ['hourly', 'dialect'], home: null,
    text: '贵阳 做钟点工 打扫卫生 一个小时十八块就要得',
    gold: { trades: ['4-10-01-06', '4-09-08-01'], place: 'city:贵阳市', type: 'gig', wage_floor: 3744 } },

  // ---------------- nofit ----------------
  { key: 'nf1', style: ['nofit', 'pinyin', 'needs'], home: null,
    text: 'shenzhen dianzichang baochizhu',
    gold: { trades: ['6-25-04-07', '6-25-04-02'], related: ['6-24-05-04', '6-24-04-00'], place: 'city:深圳市', needs: ['board_lodging'],
      nearest: 'no posting in 深圳; the nearest honest alternative is an electronics line in 惠州 with board and lodging',
      nearest_ids: ['P0104', 'P0217'] } },
  { key: 'nf2', style: ['nofit', 'dialect'], home: '羡塘镇',
    text: '杀猪的活路 惠水有人要不',
    gold: { trades: ['6-01-04-01'], place: 'county:惠水县', // 畜禽屠宰加工工
      nearest: 'no slaughtering job anywhere; the nearest is the pig farm keeper job in 芦山',
      nearest_ids: ['P0002'] } },
  { key: 'nf4', style: ['nofit', 'negation', 'needs'], home: null,
    text: '会踩缝纫机 不要计件的 要固定工资 惠水',
    gold: { trades: ['6-05-01-03'], place: 'county:惠水县', exclude: ['piece_rate'], needs: ['fixed_salary'],
      nearest: 'every sewing job in 惠水 is piece-paid; the nearest are the apprenticeship with a 2800 floor (piece later) and the monthly-paid cutting-room job',
      nearest_ids: ['P0377', 'P0164'] } },
  { key: 'nf6', style: ['nofit', 'typo', 'negation'], home: null,
    text: '潮州 找保母的活 不住家',
    gold: { trades: ['4-10-01-06'], place: 'city:潮州市', exclude: ['live_in'],
      nearest: 'no household job in 潮州; nearest are a housing-estate cleaner in 潮州 and day-paid hourly housework in 荔湾',
      nearest_ids: ['P0086', 'P0342'] } },
];
