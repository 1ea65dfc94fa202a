import { registerEnumType } from '@nestjs/graphql';
import { GrantAction, GrantApplicationStatus } from '../application-status.js';
import { BankAccountType, DisbursementStatus, GrantBatchStatus, GrantCostCategory, GrantDocumentKind, GrantPayeeKind } from '../grant-enums.js';

registerEnumType(GrantApplicationStatus, { name: 'GrantApplicationStatus' });
registerEnumType(GrantAction, { name: 'GrantAction' });
registerEnumType(GrantCostCategory, { name: 'GrantCostCategory', description: 'What a grant pays for: 受講料, 教材費, 交通費, 受験料, 受講中の保育料, その他' });
registerEnumType(GrantDocumentKind, { name: 'GrantDocumentKind', description: '見積書, 受講確認書, 修了証, 本人確認書類, その他' });
registerEnumType(GrantPayeeKind, { name: 'GrantPayeeKind', description: 'Paid to the training provider or to the applicant' });
registerEnumType(BankAccountType, { name: 'BankAccountType', description: '預金種目: 普通 ORDINARY, 当座 CURRENT, 貯蓄 SAVINGS' });
registerEnumType(DisbursementStatus, { name: 'GrantDisbursementStatus' });
registerEnumType(GrantBatchStatus, { name: 'GrantBatchStatus' });

export { BankAccountType, DisbursementStatus, GrantAction, GrantApplicationStatus, GrantBatchStatus, GrantCostCategory, GrantDocumentKind, GrantPayeeKind };
