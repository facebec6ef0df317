import { PageParams } from '@app/platform';

/** A page of a team's queue, highest priority first, then oldest. */
export class GetQueueParams extends PageParams {}
