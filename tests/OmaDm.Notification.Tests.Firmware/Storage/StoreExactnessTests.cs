using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Storage
{
    /// <summary>
    /// The store holds exactly what was written: each test is built from the reproducer of one finding of a campaign of
    /// hostile flash files (its items 1, 3, 4, 5 and 6 name the tests), hex in the test.
    /// </summary>
    [TestClass]
    public class StoreExactnessTests
    {
        // RFC 3629 section 4 boundaries, each well formed: U+007F, U+0080, U+07FF, U+0800 (E0 A0), U+D7FF (ED 9F),
        // U+E000 (EE), U+FFFF, U+10000 (F0 90), U+10FFFF (F4 8F).
        private static readonly byte[][] Utf8Accepted = new byte[][]
        {
            new byte[] { 0x7F },
            new byte[] { 0xC2, 0x80 },
            new byte[] { 0xDF, 0xBF },
            new byte[] { 0xE0, 0xA0, 0x80 },
            new byte[] { 0xED, 0x9F, 0xBF },
            new byte[] { 0xEE, 0x80, 0x80 },
            new byte[] { 0xEF, 0xBF, 0xBF },
            new byte[] { 0xF0, 0x90, 0x80, 0x80 },
            new byte[] { 0xF4, 0x8F, 0xBF, 0xBF },
        };

        // RFC 3629 section 4/10 refusals: lone tail, overlong C0/C1/E0 80/F0 80, surrogate ED A0, above U+10FFFF
        // (F4 90, F5), never-used FF, a sequence cut short, a tail that is not one; and NUL, which nanoCLR's strings
        // cannot hold.
        private static readonly byte[][] Utf8Refused = new byte[][]
        {
            new byte[] { 0x00 },
            new byte[] { 0x80 },
            new byte[] { 0xC0, 0x80 },
            new byte[] { 0xC1, 0xBF },
            new byte[] { 0xE0, 0x9F, 0xBF },
            new byte[] { 0xED, 0xA0, 0x80 },
            new byte[] { 0xF0, 0x8F, 0xBF, 0xBF },
            new byte[] { 0xF4, 0x90, 0x80, 0x80 },
            new byte[] { 0xF5, 0x80, 0x80, 0x80 },
            new byte[] { 0xFF },
            new byte[] { 0xE2, 0x82 },
            new byte[] { 0xC2, 0x41 },
        };

        // Item 1 reproducer: an accounts payload (StoreCodec layout) whose server id is 255 x FF; .NET decoded it as
        // 255 x U+FFFD, which re-encodes to 765 bytes, a record the store then could not read back.
        private static readonly byte[] Item1PayloadHead = new byte[]
        {
            0x01,                   // payload version
            0x00, 0x00, 0x00, 0x00, // provisioning CRC: none
            0x01,                   // one account
            0x00, 0xFF,             // server id: 255 bytes (all FF, appended)
        };

        private static readonly byte[] Item1PayloadTail = new byte[]
        {
            0x00, 0x00, // password: empty
            0x00, 0x00, // nonce: empty
            0x00,       // resync off
            0x00,       // session id hex
            0x00,       // flags
        };

        // Item 1 reproducer: provision.txt with "password=p" followed by byte FF (applied as "p\uFFFD" before).
        private static readonly byte[] Item1PasswordFF = TestBytes.Concat(
            TestBytes.Ascii("[account]\nserverId=a\npassword=p"),
            new byte[] { 0xFF, 0x0A });

        // Item 3 reproducers: a vertical tab before a key; a password ending in one (stored as "pw" before);
        // CR-only line ends; a NUL ("[ac" NUL "]"); a no-break space (C2 A0) after the password, part of the value.
        private static readonly byte[] Item3TabBeforeKey = TestBytes.Ascii("[account]\n\vserverId=a\npassword=p\n");
        private static readonly byte[] Item3PasswordVt = TestBytes.Ascii("[account]\nserverId=a\npassword=pw\v\n");
        private static readonly byte[] Item3CrOnly = TestBytes.Ascii("[account]\rserverId=a\rpassword=p\r");
        private static readonly byte[] Item3Nul = new byte[] { 0x5B, 0x61, 0x63, 0x00, 0x5D, 0x0A };
        private static readonly byte[] Item3Nbsp = TestBytes.Concat(
            TestBytes.Ascii("[account]\nserverId=a\npassword=pw"),
            new byte[] { 0xC2, 0xA0, 0x0A });

        // A password with U+1F600 (F0 9F 98 80, 4-byte UTF-8) and a trailing comment: nanoCLR holds it as two UTF-16
        // code units whose indexer differs from .NET's at the low half.
        private static readonly byte[] PasswordSupplementary = TestBytes.Concat(
            TestBytes.Ascii("[account]\nserverId=a\npassword=p"),
            new byte[] { 0xF0, 0x9F, 0x98, 0x80 },
            TestBytes.Ascii("q # c\n"));

        // Item 5 reproducer: a hand-made, CRC-valid slot (RecordStore layout) at the largest signed sequence.
        private static readonly byte[] Item5SlotAtMaxSequence = new byte[]
        {
            0x4F, 0x4D, 0x44, 0x52,                         // magic "OMDR"
            0x00, 0x01,                                     // format version 1
            0x00, 0x00,                                     // reserved
            0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // sequence 0x7FFFFFFFFFFFFFFF
            0x00, 0x00, 0x00, 0x03,                         // payload length 3
            0x60, 0x49, 0xCC, 0xCF,                         // CRC-32 of bytes 0..19 and the payload
            0x10, 0x20, 0x30,                               // payload
        };

        // Item 6 reproducers: a one-line file with its newline (was reported at line 2); an account without a
        // password followed by another (was reported at the second [account]).
        private static readonly byte[] Item6TrailingNewline = TestBytes.Ascii("[account]\n");
        private static readonly byte[] Item6FirstLacksPassword = TestBytes.Ascii("[account]\nserverId=a\n[account]\nserverId=b\npassword=p\n");
        private static readonly byte[] Item6Duplicate = TestBytes.Ascii("[account]\nserverId=a\npassword=p\n[account]\nserverId=a\npassword=q\n");

        [TestMethod]
        public void Utf8Text_Rfc3629Boundaries_DecodeAndReencodeSameBytes()
        {
            foreach (byte[] vector in Utf8Accepted)
            {
                Assert.AreEqual(-1, Utf8Text.FindInvalid(vector, 0, vector.Length), TestBytes.ToHex(vector));
                byte[] embedded = TestBytes.Embed(vector, 3, 2);
                Assert.IsTrue(Utf8Text.TryDecode(embedded, 3, vector.Length, out string text), TestBytes.ToHex(vector));
                Assert.AreEqual(TestBytes.ToHex(vector), TestBytes.ToHex(Utf8Text.GetBytes(text)));
                Assert.AreEqual(vector.Length, Utf8Text.GetByteCount(text));
                for (int cut = 1; cut < vector.Length; cut++)
                {
                    Assert.IsFalse(Utf8Text.TryDecode(vector, 0, cut, out text), "cut " + cut);
                }
            }
        }

        [TestMethod]
        public void Utf8Text_Rfc3629Refusals_FalseWithoutException()
        {
            foreach (byte[] vector in Utf8Refused)
            {
                byte[] embedded = TestBytes.Embed(vector, 1, 1);
                Assert.IsFalse(Utf8Text.TryDecode(embedded, 1, vector.Length, out string text), TestBytes.ToHex(vector));
                Assert.IsNull(text);
                Assert.AreEqual(1, Utf8Text.FindInvalid(embedded, 1, vector.Length));
            }
        }

        // A lone surrogate: .NET keeps it in the string and Utf8Text refuses it; nanoCLR (UTF-8 strings) replaces it by
        // U+FFFD when the string is made, so there the store is handed U+FFFD and holds exactly that.
        [TestMethod]
        public void Utf8Text_LoneSurrogate_RefusedOrReplacedWhenMade()
        {
            var files = new FaultInjectingFileSystem();
            string text = new string(new char[] { 'p', (char)0xD800 });
            StoreReason added = StoreTestData.Reopen(files).AddOrReplace(new AccountRecord("a", text, string.Empty, ResyncPolicy.Off));
            if (text[1] == (char)0xFFFD)
            {
                Assert.AreEqual("70EFBFBD", TestBytes.ToHex(Utf8Text.GetBytes(text)));
                Assert.AreEqual("EFBFBD62", TestBytes.ToHex(Utf8Text.GetBytes("\uDC00b")));
                StoreTestData.AreEqual(StoreReason.None, added);
                Assert.AreEqual("p\uFFFD", StoreTestData.Reopen(files).Find("a").Password);
            }
            else
            {
                Assert.AreEqual(0xD800, (int)text[1]);
                Assert.AreEqual(-1, Utf8Text.GetByteCount(text));
                Assert.AreEqual(-1, Utf8Text.GetByteCount("\uDC00b"));
                Assert.ThrowsException(typeof(ArgumentException), () => Utf8Text.GetBytes("\uD83D"));
                StoreTestData.AreEqual(StoreReason.InvalidValue, added);
                Assert.AreEqual(0, StoreTestData.Reopen(files).Count);
            }
        }

        // U+10000 and U+10FFFF (F0 90 80 80, F4 8F BF BF): nanoCLR's indexer gives the high half at the low half's
        // index, ToCharArray the true pair; both builds store the 4 bytes and read back the same text.
        [TestMethod]
        public void AddOrReplace_Supplementary_FourBytesReadBackSame()
        {
            var files = new FaultInjectingFileSystem();
            string text = new string(new char[] { (char)0xD800, (char)0xDC00, (char)0xDBFF, (char)0xDFFF });
            Assert.AreEqual(4, text.Length);
            Assert.AreEqual(0xDC00, (int)text.ToCharArray()[1]);
            Assert.AreEqual("F0908080F48FBFBF", TestBytes.ToHex(Utf8Text.GetBytes(text)));
            Assert.AreEqual(8, Utf8Text.GetByteCount(text));
            StoreTestData.AreEqual(StoreReason.None, StoreTestData.Reopen(files).AddOrReplace(new AccountRecord(text, "p" + text, string.Empty, ResyncPolicy.Off)));
            AccountRecord read = StoreTestData.Reopen(files).Find(text);
            Assert.AreEqual("F0908080F48FBFBF", TestBytes.ToHex(Utf8Text.GetBytes(read.ServerId)));
            Assert.AreEqual("70F0908080F48FBFBF", TestBytes.ToHex(Utf8Text.GetBytes(read.Password)));
        }

        [TestMethod]
        public void Open_Item1ServerIdAllFF_InvalidUtf8OlderSlotLoadsNextCommitReadable()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            store.AddOrReplace(StoreTestData.Account("kept", string.Empty));
            byte[] payload = TestBytes.Concat(Item1PayloadHead, Repeat(0xFF, 255), Item1PayloadTail);
            var record = new RecordStore(files, AccountStore.AccountsRecordName, 32 * 1024);
            record.Load(null, out byte[] unused);
            StoreTestData.AreEqual(StoreReason.None, record.Save(payload, 0, payload.Length));

            AccountStore rebooted = StoreTestData.Reopen(files);
            StoreTestData.AreEqual(StoreReason.InvalidUtf8, rebooted.AccountsRecord.SlotBReason);
            Assert.AreEqual(1, rebooted.Count);
            StoreTestData.AreEqual(StoreReason.None, rebooted.AddOrReplace(StoreTestData.Account("added", string.Empty)));
            StoreTestData.AreEqual(StoreReason.None, rebooted.AddOrReplace(StoreTestData.Account("again", string.Empty)));
            Assert.AreEqual(3, StoreTestData.Reopen(files).Count);
        }

        [TestMethod]
        public void SaveRecentSessions_ServerIdOf256Bytes_InvalidValueRecordStillLoads()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            var kept = new SessionHistoryEntry("a", 1, new DateTime(2026, 1, 1, 0, 0, 0));
            StoreTestData.AreEqual(StoreReason.None, store.SaveRecentSessions(new SessionHistoryEntry[] { kept }));

            // 128 x U+00E9: 128 characters, 256 UTF-8 bytes, one more than the record reads.
            string longId = new string('\u00E9', 128);
            var tooLong = new SessionHistoryEntry(longId, 2, kept.ReceivedUtc);
            StoreTestData.AreEqual(StoreReason.InvalidValue, store.SaveRecentSessions(new SessionHistoryEntry[] { kept, tooLong }));
            AccountStore rebooted = StoreTestData.Reopen(files);
            StoreTestData.AreEqual(StoreReason.None, rebooted.SessionsLoadReason);
            Assert.AreEqual(1, rebooted.GetRecentSessions().Length);
        }

        [TestMethod]
        public void Parse_Item1PasswordEndsInFF_InvalidUtf8AtItsLine()
        {
            AssertRefused(Item1PasswordFF, 3, ProvisioningError.InvalidUtf8);
        }

        [TestMethod]
        public void Parse_Item3ControlCharacters_RefusedByNameAtTheirLine()
        {
            AssertRefused(Item3TabBeforeKey, 2, ProvisioningError.ControlCharacter);
            AssertRefused(Item3PasswordVt, 3, ProvisioningError.ControlCharacter);
            AssertRefused(Item3CrOnly, 1, ProvisioningError.ControlCharacter);
            AssertRefused(Item3Nul, 1, ProvisioningError.ControlCharacter);
        }

        [TestMethod]
        public void Parse_Item3NoBreakSpaceAfterPassword_KeptAsWritten()
        {
            AccountRecord[] accounts = Provisioning.Parse(Item3Nbsp, out int line, out ProvisioningError error);
            Assert.IsNotNull(accounts, Provisioning.ErrorName(error));
            Assert.AreEqual("pw\u00A0", accounts[0].Password);
        }

        [TestMethod]
        public void Parse_SupplementaryInPassword_KeptAsWritten()
        {
            AccountRecord[] accounts = Provisioning.Parse(PasswordSupplementary, out int line, out ProvisioningError error);
            Assert.IsNotNull(accounts, Provisioning.ErrorName(error));
            Assert.AreEqual("70F09F988071", TestBytes.ToHex(Utf8Text.GetBytes(accounts[0].Password)));
        }

        [TestMethod]
        public void Apply_Item4FileAboveBound_RenamedBadWithoutReading()
        {
            // The reproducer's file system threw OutOfMemoryException above 64 KiB, as a device's read of the whole file
            // does; here above the bound itself (smaller buffers keep nanoCLR's heap out of the test), so a read of
            // either file would fail the test rather than rename it.
            int[] sizes = new int[] { Provisioning.MaxFileBytes + 1, 2 * Provisioning.MaxFileBytes };
            foreach (int size in sizes)
            {
                var files = new FaultInjectingFileSystem();
                files.MaxReadBytes = Provisioning.MaxFileBytes;
                byte[] big = Repeat(0x23, size);
                files.SetRaw(Provisioning.DefaultFileName, big);
                AccountStore store = StoreTestData.Reopen(files);
                store.AddOrReplace(StoreTestData.Account("kept", string.Empty));
                string before = StoreTestData.Fingerprint(store);
                ProvisioningOutcome outcome = Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line, out ProvisioningError error);
                StoreTestData.AreEqual(ProvisioningOutcome.Invalid, outcome, "size " + size);
                Assert.AreEqual("too-large", Provisioning.ErrorName(error));
                Assert.IsFalse(files.Exists(Provisioning.DefaultFileName));
                Assert.AreEqual(size, files.GetRaw(Provisioning.RejectedFileName).Length);
                Assert.AreEqual(before, StoreTestData.Fingerprint(StoreTestData.Reopen(files)));
            }
        }

        [TestMethod]
        public void Apply_Item4FileAtBound_Applied()
        {
            byte[] account = TestBytes.Ascii("[account]\nserverId=a\npassword=p\n");
            byte[] file = Repeat(0x23, Provisioning.MaxFileBytes);
            Array.Copy(account, 0, file, 0, account.Length);
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, file);
            AccountStore store = StoreTestData.Reopen(files);
            StoreTestData.AreEqual(ProvisioningOutcome.Applied, Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line));
            Assert.AreEqual(1, store.Count);
        }

        [TestMethod]
        public void Load_Item5SlotAtMaxSequence_NextSavesStayNewest()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw("r.a", Item5SlotAtMaxSequence);
            var record = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.None, record.Load(null, out byte[] payload));
            Assert.AreEqual(long.MaxValue, record.Sequence);
            Assert.AreEqual("102030", TestBytes.ToHex(payload));

            byte[] next = new byte[] { 0x01 };
            StoreTestData.AreEqual(StoreReason.None, record.Save(next, 0, next.Length));
            var rebooted = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.None, rebooted.Load(null, out payload));
            Assert.AreEqual("01", TestBytes.ToHex(payload));
            Assert.AreEqual(long.MinValue, rebooted.Sequence);

            byte[] third = new byte[] { 0x02 };
            StoreTestData.AreEqual(StoreReason.None, rebooted.Save(third, 0, third.Length));
            var again = new RecordStore(files, "r", 1024);
            again.Load(null, out payload);
            Assert.AreEqual("02", TestBytes.ToHex(payload));
        }

        [TestMethod]
        public void Load_Item5SlotTruncatedAtEveryLength_NamedRefusal()
        {
            for (int length = 0; length < Item5SlotAtMaxSequence.Length; length++)
            {
                var files = new FaultInjectingFileSystem();
                files.SetRaw("r.a", TestBytes.Prefix(Item5SlotAtMaxSequence, length));
                var record = new RecordStore(files, "r", 1024);
                StoreReason reason = record.Load(null, out byte[] payload);

                // 0 bytes is a crash before the first byte of the first write: never written.
                StoreTestData.AreEqual(length == 0 ? StoreReason.NotFound : StoreReason.Truncated, reason, "length " + length);
                StoreTestData.AreEqual(length == 0 ? StoreReason.EmptySlot : StoreReason.Truncated, record.SlotAReason, "length " + length);
                Assert.IsNull(payload);
            }
        }

        [TestMethod]
        public void Parse_Item6Errors_ReportedAtTheirOwnLine()
        {
            AssertRefused(Item6TrailingNewline, 1, ProvisioningError.MissingKey);
            AssertRefused(Item6FirstLacksPassword, 1, ProvisioningError.MissingKey);
            AssertRefused(Item6Duplicate, 5, ProvisioningError.DuplicateServerId);
            AssertRefused(new byte[0], 0, ProvisioningError.NoAccount);
        }

        private static void AssertRefused(byte[] file, int expectedLine, ProvisioningError expected)
        {
            Assert.IsNull(Provisioning.Parse(file, out int line, out ProvisioningError error));
            Assert.AreEqual(Provisioning.ErrorName(expected), Provisioning.ErrorName(error));
            Assert.AreEqual(expectedLine, line);
        }

        private static byte[] Repeat(byte value, int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = value;
            }

            return bytes;
        }
    }
}
