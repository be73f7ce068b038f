import { Initial1795587528991 } from '../../migrations/1795587528991-Initial.js';
import { ArticleEvents1795598374889 } from '../../migrations/1795598374889-ArticleEvents.js';
import { Bans1795602471594 } from '../../migrations/1795602471594-Bans.js';
import { SpamClassifier1795603134596 } from '../../migrations/1795603134596-SpamClassifier.js';
import { Moderation1795607039713 } from '../../migrations/1795607039713-Moderation.js';
import { CommentEditedFrom1796403878158 } from '../../migrations/1796403878158-CommentEditedFrom.js';
import { ModeratorPasswordChange1796409810461 } from '../../migrations/1796409810461-ModeratorPasswordChange.js';
import { DuplicateKey1796409956000 } from '../../migrations/1796409956000-DuplicateKey.js';
import { FlagReporterRecord1796412046562 } from '../../migrations/1796412046562-FlagReporterRecord.js';
import { CommentImport1796413236407 } from '../../migrations/1796413236407-CommentImport.js';
import { Mail1796420000000 } from '../../migrations/1796420000000-Mail.js';
import { SiteSignIn1796421000000 } from '../../migrations/1796421000000-SiteSignIn.js';
import { StaffComments1796422000000 } from '../../migrations/1796422000000-StaffComments.js';
import { Reactions1796430000000 } from '../../migrations/1796430000000-Reactions.js';
import { Housekeeping1796440000000 } from '../../migrations/1796440000000-Housekeeping.js';
import { SpamModel1796450000000 } from '../../migrations/1796450000000-SpamModel.js';
import { UnloggedRateLimits1796460000000 } from '../../migrations/1796460000000-UnloggedRateLimits.js';
import { ClassifierProbability1796470000000 } from '../../migrations/1796470000000-ClassifierProbability.js';

/** Every migration, in order: under ESM TypeORM cannot glob for them. */
export const MIGRATIONS = [
  Initial1795587528991,
  ArticleEvents1795598374889,
  Bans1795602471594,
  SpamClassifier1795603134596,
  Moderation1795607039713,
  CommentEditedFrom1796403878158,
  ModeratorPasswordChange1796409810461,
  DuplicateKey1796409956000,
  FlagReporterRecord1796412046562,
  CommentImport1796413236407,
  Mail1796420000000,
  SiteSignIn1796421000000,
  StaffComments1796422000000,
  Reactions1796430000000,
  Housekeeping1796440000000,
  SpamModel1796450000000,
  UnloggedRateLimits1796460000000,
  ClassifierProbability1796470000000,
];
