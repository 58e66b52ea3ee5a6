import { DomainError, refusal } from '../../errors';

// The refusals of credits, evaluations and certificates, each a kind of problem of its own.

export class NotAccredited extends refusal('not-accredited', 'This summit is not accredited') {}
export class CertificateNotReady extends refusal('certificate-not-ready', 'The certificate is not available yet') {}
export class EvaluationRequired extends refusal('evaluation-required', 'Fill in the evaluation first') {}
export class EvaluationSubmitted extends refusal('evaluation-submitted', 'The evaluation was submitted already') {}
export class EvaluationClosed extends refusal('evaluation-closed', 'The evaluation is not open') {}
export class CertificateNotValid extends refusal('certificate-not-valid', 'This certificate is no longer valid') {}

/** No credits earned, so no certificate (or the member's was revoked): the contract's 404. */
export class NoCertificate extends DomainError {
  readonly status = 404;
  readonly slug = 'no-certificate';
  readonly title = 'No certificate';
}
