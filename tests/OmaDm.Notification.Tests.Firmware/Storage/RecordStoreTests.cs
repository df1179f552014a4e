using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Tests.Storage
{
    [TestClass]
    public class RecordStoreTests
    {
        // CRC-32 check value (ISO 3309 / zip): "123456789" -> 0xCBF43926 (Williams, "A painless guide to CRC", catalogue).
        private static readonly byte[] CrcCheckInput = new byte[] { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };

        // Payloads of two successive saves (arbitrary test bytes).
        private static readonly byte[] PayloadOld = new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05 };
        private static readonly byte[] PayloadNew = new byte[] { 0x10, 0x20, 0x30 };

        [TestMethod]
        public void Crc32_CheckString_MatchesCatalogueValue()
        {
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(CrcCheckInput, 0, CrcCheckInput.Length));
        }

        [TestMethod]
        public void Crc32_AtOffsetInLargerBuffer_SameValue()
        {
            byte[] padded = new byte[CrcCheckInput.Length + 7];
            System.Array.Copy(CrcCheckInput, 0, padded, 3, CrcCheckInput.Length);
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(padded, 3, CrcCheckInput.Length));
        }

        [TestMethod]
        public void Load_NoFiles_NotFound()
        {
            var files = new FaultInjectingFileSystem();
            var record = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.NotFound, record.Load(null, out byte[] payload));
            Assert.IsNull(payload);
            Assert.AreEqual(0L, record.Sequence);
        }

        [TestMethod]
        public void Save_TwoSaves_AlternateSlotsAndLoadNewest()
        {
            var files = new FaultInjectingFileSystem();
            var record = new RecordStore(files, "r", 1024);
            record.Load(null, out byte[] unused);
            StoreTestData.AreEqual(StoreReason.None, record.Save(PayloadOld, 0, PayloadOld.Length));
            StoreTestData.AreEqual(StoreReason.None, record.Save(PayloadNew, 0, PayloadNew.Length));
            Assert.IsNotNull(files.GetRaw("r.a"));
            Assert.IsNotNull(files.GetRaw("r.b"));

            var reopened = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.None, reopened.Load(null, out byte[] payload));
            Assert.AreEqual(2L, reopened.Sequence);
            Assert.AreEqual(BytesOrNull(PayloadNew), BytesOrNull(payload));
        }

        [TestMethod]
        public void Save_PowerCutAtEveryByteOfEitherSlot_LoadsOldOrNew()
        {
            // Three saves so both slots are overwritten at least once; cut the third save at every byte.
            for (int save = 1; save <= 3; save++)
            {
                byte[] before = save == 1 ? null : Payload(save - 1);
                byte[] after = Payload(save);
                for (int torn = -1; torn <= RecordStore.HeaderLength + after.Length; torn++)
                {
                    var files = new FaultInjectingFileSystem();
                    var record = new RecordStore(files, "r", 1024);
                    record.Load(null, out byte[] unused);
                    for (int i = 1; i < save; i++)
                    {
                        record.Save(Payload(i), 0, Payload(i).Length);
                    }

                    files.Arm(0, torn);
                    StoreReason saved = record.Save(after, 0, after.Length);
                    StoreTestData.AreEqual(StoreReason.IoError, saved, "a cut save reports the failure");
                    files.Reboot();

                    var reopened = new RecordStore(files, "r", 1024);
                    StoreReason loaded = reopened.Load(null, out byte[] payload);
                    bool complete = torn == RecordStore.HeaderLength + after.Length;
                    if (complete)
                    {
                        Assert.AreEqual(BytesOrNull(after), BytesOrNull(payload), "all bytes written is the new record");
                    }
                    else if (before == null)
                    {
                        Assert.AreNotEqual((int)StoreReason.None, (int)loaded);
                        Assert.IsNull(payload);
                    }
                    else
                    {
                        Assert.AreEqual(BytesOrNull(before), BytesOrNull(payload), "a torn write keeps the previous record");
                    }

                    // The store keeps working after the recovery.
                    StoreTestData.AreEqual(StoreReason.None, reopened.Save(PayloadNew, 0, PayloadNew.Length));
                    var again = new RecordStore(files, "r", 1024);
                    again.Load(null, out byte[] last);
                    Assert.AreEqual(BytesOrNull(PayloadNew), BytesOrNull(last));
                }
            }
        }

        [TestMethod]
        public void Load_EveryByteOfNewestSlotFlipped_FallsBackToOlderSlotByName()
        {
            var files = new FaultInjectingFileSystem();
            var record = new RecordStore(files, "r", 1024);
            record.Load(null, out byte[] unused);
            record.Save(PayloadOld, 0, PayloadOld.Length);
            record.Save(PayloadNew, 0, PayloadNew.Length);
            byte[] good = files.GetRaw("r.b");
            for (int i = 0; i < good.Length; i++)
            {
                byte[] bad = (byte[])good.Clone();
                bad[i] ^= 0x5A;
                files.SetRaw("r.b", bad);
                var reopened = new RecordStore(files, "r", 1024);
                StoreTestData.AreEqual(StoreReason.None, reopened.Load(null, out byte[] payload));
                Assert.AreEqual(BytesOrNull(PayloadOld), BytesOrNull(payload));
                StoreTestData.AreEqual(ExpectedReasonForFlip(i), reopened.SlotBReason, "byte " + i);
            }
        }

        // A crash before the first byte of the very first save leaves a 0-byte slot and no other one.
        [TestMethod]
        public void Load_ZeroByteSlotOtherMissing_NeverWrittenNextSaveLoads()
        {
            string[] slots = new string[] { "r.a", "r.b" };
            foreach (string slot in slots)
            {
                var files = new FaultInjectingFileSystem();
                files.SetRaw(slot, new byte[0]);
                var record = new RecordStore(files, "r", 1024);
                StoreTestData.AreEqual(StoreReason.NotFound, record.Load(null, out byte[] payload), slot);
                Assert.IsNull(payload);
                StoreTestData.AreEqual(slot == "r.a" ? StoreReason.EmptySlot : StoreReason.NotFound, record.SlotAReason, slot);
                StoreTestData.AreEqual(slot == "r.b" ? StoreReason.EmptySlot : StoreReason.NotFound, record.SlotBReason, slot);
                StoreTestData.AreEqual(StoreReason.None, record.Save(PayloadNew, 0, PayloadNew.Length));
                var reopened = new RecordStore(files, "r", 1024);
                StoreTestData.AreEqual(StoreReason.None, reopened.Load(null, out payload));
                Assert.AreEqual(BytesOrNull(PayloadNew), BytesOrNull(payload));
            }
        }

        [TestMethod]
        public void Load_ZeroByteSlotOtherHasBadBytes_StillRefused()
        {
            // One byte is enough to be refused: "O" (the magic's first byte) is truncated, 00 is not the magic.
            byte[][] bad = new byte[][] { new byte[] { 0x4F }, new byte[] { 0x00 } };
            StoreReason[] expected = new StoreReason[] { StoreReason.Truncated, StoreReason.BadMagic };
            for (int i = 0; i < bad.Length; i++)
            {
                var files = new FaultInjectingFileSystem();
                files.SetRaw("r.a", new byte[0]);
                files.SetRaw("r.b", bad[i]);
                StoreTestData.AreEqual(expected[i], new RecordStore(files, "r", 1024).Load(null, out byte[] payload));
                Assert.IsNull(payload);
                files.SetRaw("r.a", bad[i]);
                files.SetRaw("r.b", new byte[0]);
                StoreTestData.AreEqual(expected[i], new RecordStore(files, "r", 1024).Load(null, out payload));
            }
        }

        [TestMethod]
        public void Load_ValidSlotAndZeroByteSlot_ValidLoadsEmptyNamed()
        {
            var files = new FaultInjectingFileSystem();
            var record = new RecordStore(files, "r", 1024);
            record.Load(null, out byte[] unused);
            record.Save(PayloadOld, 0, PayloadOld.Length);
            files.SetRaw("r.b", new byte[0]);
            var reopened = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.None, reopened.Load(null, out byte[] payload));
            Assert.AreEqual(BytesOrNull(PayloadOld), BytesOrNull(payload));
            StoreTestData.AreEqual(StoreReason.EmptySlot, reopened.SlotBReason);
        }

        [TestMethod]
        public void Load_GarbageInBothSlots_NamedReasonNoPayload()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw("r.a", Encoding.UTF8.GetBytes("this is not a record file at all, just text"));
            files.SetRaw("r.b", new byte[] { 0x4F, 0x4D });
            var record = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.BadMagic, record.Load(null, out byte[] payload));
            Assert.IsNull(payload);
            StoreTestData.AreEqual(StoreReason.Truncated, record.SlotBReason);
        }

        [TestMethod]
        public void Load_AnnouncedLengthAboveBound_BadLength()
        {
            var files = new FaultInjectingFileSystem();
            var big = new RecordStore(files, "r", 4096);
            big.Load(null, out byte[] unused);
            byte[] payload = new byte[2000];
            big.Save(payload, 0, payload.Length);
            var small = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.BadLength, small.Load(null, out byte[] loaded));
            StoreTestData.AreEqual(StoreReason.BadLength, small.Save(payload, 0, payload.Length));
        }

        [TestMethod]
        public void Load_ValidatorRefusesNewest_UsesOlderAsBadPayload()
        {
            var files = new FaultInjectingFileSystem();
            var record = new RecordStore(files, "r", 1024);
            record.Load(null, out byte[] unused);
            record.Save(PayloadOld, 0, PayloadOld.Length);
            record.Save(PayloadNew, 0, PayloadNew.Length);
            var reopened = new RecordStore(files, "r", 1024);
            StoreTestData.AreEqual(StoreReason.None, reopened.Load(p => p.Length == PayloadOld.Length ? StoreReason.None : StoreReason.BadPayload, out byte[] payload));
            Assert.AreEqual(BytesOrNull(PayloadOld), BytesOrNull(payload));
            StoreTestData.AreEqual(StoreReason.BadPayload, reopened.SlotBReason);
        }

        [TestMethod]
        public void Save_RecordOfManyChunks_StreamedInChunksAndReadBack()
        {
            byte[] large = Payload(3 * RecordStore.ChunkLength + 7);
            var files = new FaultInjectingFileSystem();
            var record = new RecordStore(files, "r", 4096);
            record.Load(null, out byte[] unused);
            StoreTestData.AreEqual(StoreReason.None, record.Save(large, 0, large.Length), "saved");
            Assert.IsTrue(files.LargestWrite <= RecordStore.ChunkLength, "no write above a chunk");
            Assert.AreEqual(RecordStore.HeaderLength + large.Length, files.GetRaw("r.a").Length);
            var reopened = new RecordStore(files, "r", 4096);
            StoreTestData.AreEqual(StoreReason.None, reopened.Load(null, out byte[] payload), "loaded");
            Assert.AreEqual(BytesOrNull(large), BytesOrNull(payload));
        }

        [TestMethod]
        public void Save_PowerCutAtChunkEdges_LoadsOldOrNew()
        {
            byte[] before = Payload(2 * RecordStore.ChunkLength);
            byte[] after = Payload(2 * RecordStore.ChunkLength + 3);
            int total = RecordStore.HeaderLength + after.Length;
            int chunk = RecordStore.ChunkLength;
            int header = RecordStore.HeaderLength;
            int[] cuts = new int[] { 0, header - 1, header, header + 1, header + chunk - 1, header + chunk, header + chunk + 1, header + (2 * chunk), total - 1, total };
            for (int i = 0; i < cuts.Length; i++)
            {
                int torn = cuts[i];
                var files = new FaultInjectingFileSystem();
                var record = new RecordStore(files, "r", 4096);
                record.Load(null, out byte[] unused);
                record.Save(before, 0, before.Length);
                files.Arm(0, torn);
                StoreTestData.AreEqual(StoreReason.IoError, record.Save(after, 0, after.Length), "a cut save reports the failure");
                files.Reboot();
                var reopened = new RecordStore(files, "r", 4096);
                StoreTestData.AreEqual(StoreReason.None, reopened.Load(null, out byte[] payload), "old or new");
                Assert.AreEqual(BytesOrNull(torn == total ? after : before), BytesOrNull(payload), "torn at " + torn.ToString());
            }
        }

        private static StoreReason ExpectedReasonForFlip(int index)
        {
            if (index < 4)
            {
                return StoreReason.BadMagic;
            }

            if (index < 6)
            {
                return StoreReason.UnsupportedVersion;
            }

            if (index >= 16 && index < 20)
            {
                // Length 3 XOR 0x5A: in bytes 16..18 above the 1024 bound, in byte 19 it is 89, beyond the file.
                return index < 19 ? StoreReason.BadLength : StoreReason.Truncated;
            }

            return StoreReason.ChecksumMismatch;
        }

        private static byte[] Payload(int n)
        {
            byte[] payload = new byte[10 + n];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)(n * 31 + i);
            }

            return payload;
        }

        private static string BytesOrNull(byte[] bytes)
        {
            return bytes == null ? "null" : TestBytes.ToHex(bytes);
        }
    }
}
