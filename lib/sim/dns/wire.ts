// One DNS message in, at most one out: request validation and response encoding with
// dns-packet, independent of the transport.
//
// Contracts (RFC 1035, 6891; rcodes as BIND and CoreDNS use them):
// - Shorter than a header (12 bytes), or a response (QR set): no answer at all.
// - Opcode other than QUERY: NOTIMP. QDCOUNT other than 1, an undecodable body, more than one
//   OPT record, a question name with a compression pointer or with a byte outside 0x21-0x7e
//   (or a '.') inside a label, or a meta type (OPT) as QTYPE: FORMERR. These error replies carry the header only.
// - EDNS version above 0: BADVERS. Class other than IN (or ANY): REFUSED.
// - Otherwise the resolver's answer: AA set inside our zones, RD and CD copied, RA never set
//   (no recursion). The question is echoed byte for byte. An EDNS query gets an OPT back
//   (payload 1232, DO clear: no DNSSEC).
// - A reply bigger than the transport allows (UDP: 512, or the EDNS size up to 1232; TCP:
//   65535) is cut to header, question and OPT with TC set, so the client retries over TCP.
// Limits: no name compression (dns-packet does not compress), so about ten A records fit in
// 512 bytes; no EDNS cookies, no TSIG, no DNSSEC.

import { AUTHORITATIVE_ANSWER, CHECKING_DISABLED, decode, encode, RECURSION_DESIRED, TRUNCATED_RESPONSE } from 'dns-packet';
import type { Answer, DecodedPacket, OptAnswer } from 'dns-packet';
import type { Resolution } from './records.ts';

export type Transport = 'udp' | 'tcp';

export type Answerer = (qname: string, qtype: string) => Resolution;

const HEADER = 12;
const QR = 0x8000;
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
type Rcode = keyof typeof RCODE;
/** EDNS extended rcode 16 = BADVERS: the OPT's upper 8 bits 1, the header's lower 4 bits 0. */
const BADVERS_UPPER = 1;
export const EDNS_PAYLOAD = 1232;
const UDP_DEFAULT = 512;
const TCP_MAX = 65535;
const META_QTYPES = new Set(['OPT']);

/** The reply to `msg`, or null when the message deserves none. Never throws. */
export function respond(msg: Buffer, transport: Transport, answer: Answerer): Buffer | null {
  if (msg.length < HEADER) return null;
  const flags = msg.readUInt16BE(2);
  if (flags & QR) return null;
  if (((flags >> 11) & 0xf) !== 0) return headerOnly(msg, 'NOTIMP');
  if (msg.readUInt16BE(4) !== 1) return headerOnly(msg, 'FORMERR');
  let req: DecodedPacket;
  try {
    req = decode(msg);
  } catch {
    return headerOnly(msg, 'FORMERR');
  }
  const qEnd = plainNameEnd(msg, HEADER);
  const opts = (req.additionals ?? []).filter((a): a is OptAnswer => a.type === 'OPT');
  const q = req.questions?.[0];
  if (qEnd < 0 || !q || opts.length > 1 || META_QTYPES.has(q.type)) return headerOnly(msg, 'FORMERR');
  const question = msg.subarray(HEADER, qEnd + 4);
  const opt = opts[0];
  if (opt && opt.ednsVersion > 0) return reply(msg, question, { rcode: 'NOERROR', aa: false, opt, extended: BADVERS_UPPER }, [], [], [], transport);
  if (q.class !== 'IN' && q.class !== 'ANY') return reply(msg, question, { rcode: 'REFUSED', aa: false, opt }, [], [], [], transport);
  let res: Resolution;
  try {
    res = answer(q.name, q.type);
  } catch {
    return reply(msg, question, { rcode: 'SERVFAIL', aa: false, opt }, [], [], [], transport);
  }
  try {
    return reply(msg, question, { rcode: res.rcode, aa: res.authoritative, opt }, res.answers, res.authority, res.additional, transport);
  } catch {
    return reply(msg, question, { rcode: 'SERVFAIL', aa: false, opt }, [], [], [], transport);
  }
}

/**
 * The end offset of a question name made of plain labels (no compression pointer; label bytes
 * printable ASCII other than '.'; at most 255 bytes) followed by type and class, so that
 * echoing and comparing the name is exact; -1 otherwise.
 */
export function plainNameEnd(buf: Buffer, start: number): number {
  let i = start;
  while (i < buf.length) {
    const len = buf[i];
    if (len === 0) return i + 1 - start <= 255 && i + 5 <= buf.length ? i + 1 : -1;
    if (len > 63 || i + 1 + len > buf.length) return -1;
    for (let j = i + 1; j <= i + len; j++) if (buf[j] === 0x2e || buf[j] < 0x21 || buf[j] > 0x7e) return -1;
    i += 1 + len;
  }
  return -1;
}

/** An error reply without question: the request's id and opcode, RD and CD copied. */
function headerOnly(msg: Buffer, rcode: Rcode): Buffer {
  const out = Buffer.alloc(HEADER);
  const flags = msg.readUInt16BE(2);
  out.writeUInt16BE(msg.readUInt16BE(0), 0);
  out.writeUInt16BE(QR | (flags & 0x7800) | (flags & (RECURSION_DESIRED | CHECKING_DISABLED)) | RCODE[rcode], 2);
  return out;
}

interface ReplyHead {
  rcode: Rcode;
  aa: boolean;
  opt?: OptAnswer;
  extended?: number;
}

function reply(msg: Buffer, question: Buffer, head: ReplyHead, answers: Answer[], authorities: Answer[], additionals: Answer[], transport: Transport): Buffer {
  const reqFlags = msg.readUInt16BE(2);
  const flags = (head.aa ? AUTHORITATIVE_ANSWER : 0) | (reqFlags & (RECURSION_DESIRED | CHECKING_DISABLED)) | RCODE[head.rcode];
  const opt: Answer[] = head.opt
    ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD, extendedRcode: head.extended ?? 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }]
    : [];
  const limit = transport === 'tcp' ? TCP_MAX : head.opt ? Math.min(Math.max(head.opt.udpPayloadSize, UDP_DEFAULT), EDNS_PAYLOAD) : UDP_DEFAULT;
  const build = (tc: boolean) => {
    const body = encode({
      id: msg.readUInt16BE(0),
      type: 'response',
      flags: flags | (tc ? TRUNCATED_RESPONSE : 0),
      questions: [],
      answers: tc ? [] : answers,
      authorities: tc ? [] : authorities,
      additionals: tc ? opt : [...additionals, ...opt],
    });
    body.writeUInt16BE(1, 4);
    return Buffer.concat([body.subarray(0, HEADER), question, body.subarray(HEADER)]);
  };
  const full = build(false);
  return full.length <= limit ? full : build(true);
}
