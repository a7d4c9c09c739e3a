#!/usr/bin/env python3
"""Writes a subset of one of google/wycheproof's testvectors_v1 files in the
format of xtest/vectors/*.txt.

  wycheproof.py KIND JSON_FILE [--valid N] [--invalid N] [--commit C]

KIND: rsa_sig, rsa_pss, rsa_oaep, rsa_pkcs1, ecdsa, dsa, ecdh, mac.  The first N valid
and N invalid tests (in tcId order) are taken; "acceptable" ones are left
out, as are tests this suite's API cannot express (noted per kind below).
The signed digest of a verification is the hash of the test's message; the
public key of an ECDH key pair is derived from its private value (GP wants
both); everything else is copied from the file.
"""
import argparse
import hashlib
import json
import os

HASH = {'SHA-1': ('SHA1', 'sha1'), 'SHA-224': ('SHA224', 'sha224'),
        'SHA-256': ('SHA256', 'sha256'), 'SHA-384': ('SHA384', 'sha384'),
        'SHA-512': ('SHA512', 'sha512'), 'SHA3-224': ('SHA3_224', 'sha3_224'),
        'SHA3-256': ('SHA3_256', 'sha3_256'),
        'SHA3-384': ('SHA3_384', 'sha3_384'),
        'SHA3-512': ('SHA3_512', 'sha3_512')}
CURVE = {'secp192r1': ('P192', 192), 'secp224r1': ('P224', 224),
         'secp256r1': ('P256', 256), 'secp384r1': ('P384', 384),
         'secp521r1': ('P521', 521)}
MAC = {'HMACSHA3-224': 'HMAC_SHA3_224', 'HMACSHA3-256': 'HMAC_SHA3_256',
       'HMACSHA3-384': 'HMAC_SHA3_384', 'HMACSHA3-512': 'HMAC_SHA3_512',
       'HMACSM3': 'HMAC_SM3', 'HMACSHA1': 'HMAC_SHA1',
       'HMACSHA256': 'HMAC_SHA256'}


def num(h, nbytes=None):
    """A big-endian number without its sign byte (or padded to nbytes)."""
    v = int(h, 16) if h else 0
    n = nbytes or max(1, (v.bit_length() + 7) // 8)
    return v.to_bytes(n, 'big').hex()


def digest(sha, msg):
    return hashlib.new(HASH[sha][1], bytes.fromhex(msg)).hexdigest()


def out_hex(b):
    return b if b else '""'


def ec_public(curve, d):
    from cryptography.hazmat.primitives.asymmetric import ec
    c = {'secp192r1': ec.SECP192R1(), 'secp224r1': ec.SECP224R1(),
         'secp256r1': ec.SECP256R1(), 'secp384r1': ec.SECP384R1(),
         'secp521r1': ec.SECP521R1()}[curve]
    pub = ec.derive_private_key(int(d, 16), c).public_key().public_numbers()
    return pub.x, pub.y


def records(kind, d, grp):
    """(test, fields) for each test of one group this suite can express."""
    if kind in ('rsa_sig', 'rsa_pss'):
        pk = grp['publicKey']
        if kind == 'rsa_pss' and (grp['mgfSha'] != grp['sha'] or
                                  int(grp['sLen']) !=
                                  hashlib.new(HASH[grp['sha']][1]).digest_size):
            return
        pre = 'RSASSA_PKCS1_V1_5_' if kind == 'rsa_sig' else \
            'RSASSA_PKCS1_PSS_MGF1_'
        key = [('alg', pre + HASH[grp['sha']][0]), ('mode', 'verify'),
               ('type', 'RSA_PUBLIC_KEY'), ('size', str(grp['keySize'])),
               ('n', num(pk['modulus'])), ('e', num(pk['publicExponent']))]
        for t in grp['tests']:
            f = key + [('in', digest(grp['sha'], t['msg'])),
                       ('sig', out_hex(t['sig']))]
            yield t, f + ([('expect', 'SIGNATURE_INVALID')]
                          if t['result'] == 'invalid' else [])
    elif kind == 'rsa_oaep':
        pk = grp['privateKey']
        if grp['mgfSha'] != grp['sha']:
            return
        key = [('alg', 'RSAES_PKCS1_OAEP_MGF1_' + HASH[grp['sha']][0]),
               ('mode', 'decrypt'), ('type', 'RSA_KEYPAIR'),
               ('size', str(grp['keySize']))]
        for a, b in (('n', 'modulus'), ('e', 'publicExponent'),
                     ('d', 'privateExponent'), ('p', 'prime1'),
                     ('q', 'prime2'), ('dp', 'exponent1'),
                     ('dq', 'exponent2'), ('qinv', 'coefficient')):
            key.append((a, num(pk[b])))
        for t in grp['tests']:
            f = key + ([('label', t['label'])] if t['label'] else [])
            f = f + [('in', t['ct'])]
            if t['result'] == 'invalid':
                f.append(('expect', 'BAD_PARAMETERS'))
            else:
                f.append(('out', out_hex(t['msg'])))
            yield t, f
    elif kind == 'rsa_pkcs1':
        pk = grp['privateKey']
        key = [('alg', 'RSAES_PKCS1_V1_5'), ('mode', 'decrypt'),
               ('type', 'RSA_KEYPAIR'), ('size', str(grp['keySize']))]
        for a, b in (('n', 'modulus'), ('e', 'publicExponent'),
                     ('d', 'privateExponent'), ('p', 'prime1'),
                     ('q', 'prime2'), ('dp', 'exponent1'),
                     ('dq', 'exponent2'), ('qinv', 'coefficient')):
            key.append((a, num(pk[b])))
        for t in grp['tests']:
            f = key + [('in', t['ct'])]
            if t['result'] == 'invalid':
                f.append(('expect', 'BAD_PARAMETERS'))
            else:
                f.append(('out', out_hex(t['msg'])))
            yield t, f
    elif kind == 'ecdsa':
        pk = grp['publicKey']
        cname, bits = CURVE[pk['curve']]
        nb = (bits + 7) // 8
        key = [('alg', 'ECDSA_' + HASH[grp['sha']][0]), ('mode', 'verify'),
               ('type', 'ECDSA_PUBLIC_KEY'), ('size', str(bits)),
               ('curve', cname), ('ecc_x', num(pk['wx'], nb)),
               ('ecc_y', num(pk['wy'], nb))]
        for t in grp['tests']:
            f = key + [('in', digest(grp['sha'], t['msg'])),
                       ('sig', out_hex(t['sig']))]
            yield t, f + ([('expect', 'SIGNATURE_INVALID')]
                          if t['result'] == 'invalid' else [])
    elif kind == 'dsa':
        pk = grp['publicKey']
        key = [('alg', 'DSA_' + HASH[grp['sha']][0]), ('mode', 'verify'),
               ('type', 'DSA_PUBLIC_KEY'), ('size', str(pk['keySize'])),
               ('dsa_p', num(pk['p'])), ('dsa_q', num(pk['q'])),
               ('dsa_g', num(pk['g'])), ('dsa_y', num(pk['y']))]
        for t in grp['tests']:
            f = key + [('in', digest(grp['sha'], t['msg'])),
                       ('sig', out_hex(t['sig']))]
            yield t, f + ([('expect', 'SIGNATURE_INVALID')]
                          if t['result'] == 'invalid' else [])
    elif kind == 'ecdh':
        # Only uncompressed peer points on the curve: GP answers a bad
        # peer with a panic, which a vector file does not express.
        cname, bits = CURVE[grp['curve']]
        nb = (bits + 7) // 8
        for t in grp['tests']:
            p = t['public']
            if t['result'] != 'valid' or not p.startswith('04') or \
                    len(p) != 2 + 4 * nb:
                continue
            x, y = ec_public(grp['curve'], t['private'])
            f = [('alg', 'ECDH_DERIVE_SHARED_SECRET'), ('type', 'ECDH_KEYPAIR'),
                 ('size', str(bits)), ('curve', cname),
                 ('ecc_x', '%0*x' % (2 * nb, x)), ('ecc_y', '%0*x' % (2 * nb, y)),
                 ('ecc_d', num(t['private'], nb)),
                 ('peer_x', p[2:2 + 2 * nb]), ('peer_y', p[2 + 2 * nb:]),
                 ('out', t['shared'])]
            yield t, f
    elif kind == 'mac':
        # Full-length tags only: a truncated tag is not GP's MAC.
        alg = MAC[d['algorithm']]
        full = 256 if alg == 'HMAC_SM3' else \
            8 * hashlib.new(alg[5:].lower()).digest_size
        if int(grp['tagSize']) != full:
            return
        for t in grp['tests']:
            f = [('alg', alg), ('type', alg), ('key', t['key']),
                 ('in', out_hex(t['msg']))]
            if t['result'] == 'invalid':
                f += [('mac', t['tag']), ('expect', 'MAC_INVALID')]
            else:
                f.append(('out', t['tag']))
            yield t, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('kind')
    ap.add_argument('json')
    ap.add_argument('--valid', type=int, default=6)
    ap.add_argument('--invalid', type=int, default=10)
    ap.add_argument('--commit', default='507bb99')
    ap.add_argument('--title', required=True)
    ap.add_argument('--note', default='')
    ap.add_argument('--skip-flags', default='')
    ap.add_argument('--tcids', default='')
    a = ap.parse_args()
    d = json.load(open(a.json))
    skip = set(filter(None, a.skip_flags.split(',')))
    only = set(int(x) for x in a.tcids.split(',') if x)
    got = {'valid': 0, 'invalid': 0}
    want = {'valid': a.valid, 'invalid': a.invalid}
    recs = []
    for grp in d['testGroups']:
        for t, f in records(a.kind, d, grp) or ():
            r = t['result']
            if r not in want or got[r] >= want[r] or skip & set(t['flags']):
                continue
            if only and t['tcId'] not in only:
                continue
            got[r] += 1
            recs.append((t, f))
    print('# Wycheproof edge cases: %s.' % a.title)
    print('# Source: google/wycheproof, testvectors_v1/%s (commit %s),'
          % (os.path.basename(a.json), a.commit))
    print("# a subset converted to this suite's format (xtest/vectors/"
          'wycheproof.py); each')
    print('# record names its tcId and flags.%s' % (
        ' ' + a.note if a.note else ''))
    for t, f in recs:
        print()
        print('# tcId %d %s%s' % (t['tcId'], ' '.join(t['flags']) or
                                   t['result'],
                                   (' ' + t['comment']) if t['comment'] else ''))
        for k, v in f:
            print('%s = %s' % (k, v))


if __name__ == '__main__':
    main()
