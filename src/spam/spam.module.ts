import { Module } from '@nestjs/common';
import { AkismetCheck } from './checks/akismet.check.js';
import { BansService } from './bans.service.js';
import { BansCheck } from './checks/bans.check.js';
import { ClassifierCheck } from './checks/classifier.check.js';
import { ClassifierReader } from './classifier/classifier-reader.js';
import { ClassifierStore } from './classifier/classifier.store.js';
import { SpamLearning } from './classifier/spam-learning.js';
import { DisposableEmailCheck } from './checks/disposable-email.check.js';
import { HoneypotCheck } from './checks/honeypot.check.js';
import { LinksCheck } from './checks/links.check.js';
import { WordsCheck } from './checks/words.check.js';
import { SPAM_CHECKS, type SpamCheck } from './spam-check.js';
import { FormTokenUses } from './form-token-uses.js';
import { FormTokens } from './form-tokens.js';
import { SpamService } from './spam.service.js';
import { TimeToSubmitCheck } from './checks/time-to-submit.check.js';
import { HoldEvidenceRepository } from './thresholds/hold-evidence.repository.js';
import { SiteHoldThresholds } from './thresholds/site-hold-thresholds.js';

/** The checks, in the order their reasons are listed. */
const SPAM_CHECK_TYPES = [HoneypotCheck, TimeToSubmitCheck, BansCheck, WordsCheck, LinksCheck, DisposableEmailCheck, ClassifierCheck, AkismetCheck];

@Module({
  providers: [
    ...SPAM_CHECK_TYPES,
    { provide: SPAM_CHECKS, useFactory: (...checks: SpamCheck[]) => checks, inject: SPAM_CHECK_TYPES },
    SpamService,
    BansService,
    FormTokens,
    FormTokenUses,
    ClassifierStore,
    { provide: ClassifierReader, useExisting: ClassifierStore },
    SpamLearning,
    HoldEvidenceRepository,
    SiteHoldThresholds,
  ],
  exports: [SpamService, BansService, FormTokens, SpamLearning, SiteHoldThresholds],
})
export class SpamModule {}
