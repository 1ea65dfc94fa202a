import { registerEnumType } from '@nestjs/graphql';
import { BookKind } from '../book.entity.js';
import { AccountType } from '../chart.js';
import { PeriodStatus } from '../period.entity.js';
import { JournalSource, Side } from '../posting.js';

registerEnumType(BookKind, { name: 'BookKind', description: 'FEDERATION, BRANCH (one per branch) or FOUNDATION' });
registerEnumType(AccountType, { name: 'AccountType' });
registerEnumType(PeriodStatus, { name: 'PeriodStatus' });
registerEnumType(Side, { name: 'Side', description: '借方 DEBIT / 貸方 CREDIT' });
registerEnumType(JournalSource, { name: 'JournalSource', description: 'What business event an entry records' });
