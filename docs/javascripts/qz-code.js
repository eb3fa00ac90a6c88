/*
 * qz-code.js: the 记录码, a learning record as text that survives a WeChat message.
 * Pure encode/decode, no DOM and no storage: qz-transfer.js shows it, qz-records.js
 * merges what it decodes.
 *
 * A code reads  DJ1 <CRC-32 of the record, 8 hex digits> <LZW-compressed UTF-8, base64url>.
 * Only A–Z a–z 0–9 - _ : nothing WeChat turns into an emoji (/::) or [微笑]), a link or
 * a full-width form. Spaces and line breaks picked up on the way are ignored; a code cut
 * short, changed or from another version is refused, never half-read.
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});
  var PREFIX = "DJ1";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var MAX_CODES = 65536; // the LZW dictionary stops growing here
  var SHAPE = /^DJ[0-9A-Za-z][0-9a-f]{8}[A-Za-z0-9\-_]*$/;
  var TEXT = qz.text("code");
  // A hostile code can expand quadratically: stop at the size an imported file may have.
  var MAX_BYTES = 5 * 1024 * 1024;
  var TOO_LARGE = {};

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) {
      crc = CRC_TABLE[(crc ^ bytes.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
    }
    var hex = ((crc ^ 0xffffffff) >>> 0).toString(16);
    return ("00000000" + hex).slice(-8);
  }

  /* Bits for the k-th code: enough for the largest entry either side can have by then. */
  function width(k) {
    var largest = Math.min(255 + k, MAX_CODES - 1);
    var bits = 8;
    while (largest >= 1 << bits) bits++;
    return bits;
  }

  /* LZW over a byte string, written 6 bits to a character. */
  function compress(bytes) {
    var dictionary = {};
    var size = 256;
    var out = [];
    var buffer = 0;
    var held = 0;
    var k = 0;
    function emit(code) {
      var bits = width(k++);
      for (var b = bits - 1; b >= 0; b--) {
        buffer = (buffer << 1) | ((code >>> b) & 1);
        if (++held === 6) {
          out.push(DIGITS.charAt(buffer));
          buffer = 0;
          held = 0;
        }
      }
    }
    // Keys carry a "~" so that no byte string (such as __proto__) is special to an object.
    function codeOf(word) {
      return word.length === 1 ? word.charCodeAt(0) : dictionary["~" + word];
    }
    var word = "";
    for (var i = 0; i < bytes.length; i++) {
      var next = word + bytes.charAt(i);
      if (next.length === 1 || dictionary.hasOwnProperty("~" + next)) {
        word = next;
        continue;
      }
      emit(codeOf(word));
      if (size < MAX_CODES) dictionary["~" + next] = size++;
      word = bytes.charAt(i);
    }
    if (word) emit(codeOf(word));
    if (held) out.push(DIGITS.charAt(buffer << (6 - held)));
    return out.join("");
  }

  /* The inverse of compress; null when the characters cannot be LZW output. */
  function decompress(text) {
    var bits = [];
    for (var i = 0; i < text.length; i++) {
      var value = DIGITS.indexOf(text.charAt(i));
      for (var b = 5; b >= 0; b--) bits.push((value >>> b) & 1);
    }
    var entries = [];
    for (var n = 0; n < 256; n++) entries.push(String.fromCharCode(n));
    var out = [];
    var total = 0;
    var previous = null;
    var position = 0;
    for (var k = 0; position + width(k) <= bits.length; k++) {
      var code = 0;
      for (var end = position + width(k); position < end; position++) {
        code = code * 2 + bits[position];
      }
      var word;
      if (code < entries.length) word = entries[code];
      else if (code === entries.length && previous !== null) word = previous + previous.charAt(0);
      else return null;
      if (previous !== null && entries.length < MAX_CODES) {
        entries.push(previous + word.charAt(0));
      }
      total += word.length;
      if (total > MAX_BYTES) return TOO_LARGE;
      out.push(word);
      previous = word;
    }
    return out.join("");
  }

  qz.code = {
    TEXT: TEXT,
    /* The code for a text (the exported record). */
    encode: function (text) {
      var bytes = unescape(encodeURIComponent(text));
      return PREFIX + crc32(bytes) + compress(bytes);
    },
    /* {text} for a valid code, or {error} with a message saying why it was refused. */
    decode: function (code) {
      var clean = String(code || "").replace(/\s+/g, "");
      if (!clean) return { error: TEXT.empty };
      if (!SHAPE.test(clean)) return { error: TEXT.shape };
      if (clean.slice(0, PREFIX.length) !== PREFIX) return { error: TEXT.version };
      var bytes = decompress(clean.slice(PREFIX.length + 8));
      if (bytes === TOO_LARGE) return { error: TEXT.tooLarge };
      if (bytes === null || crc32(bytes) !== clean.slice(PREFIX.length, PREFIX.length + 8)) {
        return { error: TEXT.broken };
      }
      try {
        return { text: decodeURIComponent(escape(bytes)) };
      } catch (error) {
        return { error: TEXT.broken };
      }
    },
  };
})();
