using System;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Storage
{
    [TestClass]
    public class AccountStoreTests
    {
        [TestMethod]
        public void Open_FirstBoot_EmptyAndNotFound()
        {
            var store = new AccountStore(new FaultInjectingFileSystem());
            StoreTestData.AreEqual(StoreReason.NotFound, store.Open());
            Assert.AreEqual(0, store.Count);
            Assert.AreEqual(0, store.GetRecentSessions().Length);
        }

        [TestMethod]
        public void Remove_AccountWithPassword_PasswordInNoFileOnFlash()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            StoreTestData.AreEqual(StoreReason.None, store.AddOrReplace(StoreTestData.Account("kept.example", StoreTestData.NonceInitial)));
            StoreTestData.AreEqual(StoreReason.None, store.AddOrReplace(new AccountRecord("gone.example", "removed-secret", string.Empty, ResyncPolicy.Off)));
            Assert.IsTrue(AnyFileContains(files, "removed-secret"), "precondition: the password is stored");

            StoreTestData.AreEqual(StoreReason.None, store.Remove("gone.example"));

            Assert.IsFalse(AnyFileContains(files, "removed-secret"), "a removed account's password must not stay in the older slot");
            Assert.IsNull(StoreTestData.Reopen(files).Find("gone.example"));
            Assert.IsNotNull(StoreTestData.Reopen(files).Find("kept.example"));
        }

        [TestMethod]
        public void AddOrReplace_PasswordChanged_OldPasswordInNoFileOnFlash()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            StoreTestData.AreEqual(StoreReason.None, store.AddOrReplace(new AccountRecord("dms.example", "old-secret", string.Empty, ResyncPolicy.Off)));
            StoreTestData.AreEqual(StoreReason.None, store.AddOrReplace(new AccountRecord("dms.example", "new-secret", string.Empty, ResyncPolicy.Off)));

            Assert.IsFalse(AnyFileContains(files, "old-secret"));
            Assert.IsTrue(AnyFileContains(files, "new-secret"));
            Assert.AreEqual("new-secret", StoreTestData.Reopen(files).Find("dms.example").Password);
        }

        private static bool AnyFileContains(FaultInjectingFileSystem files, string text)
        {
            byte[] needle = System.Text.Encoding.UTF8.GetBytes(text);
            string[] names = files.List();
            for (int f = 0; f < names.Length; f++)
            {
                byte[] content = files.GetRaw(names[f]);
                for (int i = 0; content != null && i + needle.Length <= content.Length; i++)
                {
                    int j = 0;
                    while (j < needle.Length && content[i + j] == needle[j])
                    {
                        j++;
                    }

                    if (j == needle.Length)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        [TestMethod]
        public void AddOrReplace_AllFields_SurviveReboot()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            AccountRecord account = StoreTestData.Account("com.example.dms", StoreTestData.NonceInitial);
            account.SessionIdFormat = SessionIdFormat.Decimal;
            account.TryStoredNonceText = true;
            account.Resync = ResyncPolicy.ZeroBytesThenAscii;
            StoreTestData.AreEqual(StoreReason.None, store.AddOrReplace(account));
            StoreTestData.AreEqual(StoreReason.None, store.AddOrReplace(StoreTestData.Account("sérveur-2", "")));

            AccountStore reopened = StoreTestData.Reopen(files);
            Assert.AreEqual(StoreTestData.Fingerprint(store), StoreTestData.Fingerprint(reopened));
            AccountRecord loaded = reopened.Find("com.example.dms");
            Assert.AreEqual("pa:ss word", loaded.Password);
            Assert.AreEqual(StoreTestData.NonceInitial, loaded.NonceBase64);
            Assert.AreEqual((int)SessionIdFormat.Decimal, (int)loaded.SessionIdFormat);
            Assert.IsTrue(loaded.TryStoredNonceText);
            Assert.AreEqual((int)ResyncPolicy.ZeroBytesThenAscii, (int)loaded.Resync);
            Assert.AreEqual(string.Empty, reopened.Find("sérveur-2").NonceBase64);
        }

        [TestMethod]
        public void AddOrReplace_NoCopyKept_ChangesReadTheRecordAndRefuseWhenItNoLongerReads()
        {
            // After a commit the store holds no accounts: a change reads the record back, and one that cannot refuses
            // (IoError) rather than commit from an empty view that would drop every other account.
            var files = new FaultInjectingFileSystem();
            AccountStore store = Seed(files);
            StoreTestData.AreEqual(StoreReason.None, store.UpdateNonce("com.example.dms", "bmV3"));
            Assert.AreEqual("bmV3", store.Find("com.example.dms").NonceBase64);
            string[] slots = new string[] { store.AccountsRecord.SlotAName, store.AccountsRecord.SlotBName };
            for (int i = 0; i < slots.Length; i++)
            {
                byte[] slot = files.ReadAllBytes(slots[i]);
                slot[slot.Length - 1] ^= 0xFF;
                files.WriteAllBytes(slots[i], slot, 0, slot.Length);
            }

            StoreTestData.AreEqual(StoreReason.IoError, store.AddOrReplace(StoreTestData.Account("com.example.other", StoreTestData.NonceInitial)));
            StoreTestData.AreEqual(StoreReason.IoError, store.UpdateNonce("com.example.dms", "bmV3"));
            StoreTestData.AreEqual(StoreReason.IoError, store.Remove("com.example.dms"));
        }

        [TestMethod]
        public void AddOrReplace_InvalidValues_RefusedWithoutWrite()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            files.ResetCounter();
            StoreTestData.AreEqual(StoreReason.InvalidValue, store.AddOrReplace(StoreTestData.Account("", StoreTestData.NonceInitial)));
            StoreTestData.AreEqual(StoreReason.InvalidValue, store.AddOrReplace(StoreTestData.Account(new string('x', 256), "")));
            StoreTestData.AreEqual(StoreReason.InvalidValue, store.AddOrReplace(StoreTestData.Account("s", "not base64!")));
            StoreTestData.AreEqual(StoreReason.InvalidValue, store.AddOrReplace(null));
            Assert.AreEqual(0, files.Operations);
            Assert.AreEqual(0, store.Count);
        }

        [TestMethod]
        public void AddOrReplace_CallerChangesRecordAfterwards_StoreUnaffected()
        {
            AccountStore store = StoreTestData.Reopen(new FaultInjectingFileSystem());
            AccountRecord account = StoreTestData.Account("s", StoreTestData.NonceInitial);
            store.AddOrReplace(account);
            account.NonceBase64 = StoreTestData.NonceFirst;
            store.Find("s").Password = "changed";
            Assert.AreEqual(StoreTestData.NonceInitial, store.Find("s").NonceBase64);
            Assert.AreEqual("pa:ss word", store.Find("s").Password);
        }

        [TestMethod]
        public void Remove_KnownAndUnknown_CommitsOrNamesReason()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            store.AddOrReplace(StoreTestData.Account("a", ""));
            store.AddOrReplace(StoreTestData.Account("b", ""));
            StoreTestData.AreEqual(StoreReason.None, store.Remove("a"));
            StoreTestData.AreEqual(StoreReason.UnknownAccount, store.Remove("a"));
            AccountStore reopened = StoreTestData.Reopen(files);
            Assert.AreEqual(1, reopened.Count);
            Assert.IsNull(reopened.Find("a"));
            Assert.IsNotNull(reopened.Find("b"));
        }

        [TestMethod]
        public void UpdateNonce_UnknownOrNotBase64_NothingChanges()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            store.AddOrReplace(StoreTestData.Account("s", StoreTestData.NonceInitial));
            string before = StoreTestData.Fingerprint(store);
            files.ResetCounter();
            StoreTestData.AreEqual(StoreReason.UnknownAccount, store.UpdateNonce("other", StoreTestData.NonceFirst));
            StoreTestData.AreEqual(StoreReason.InvalidValue, store.UpdateNonce("s", "%%%"));
            Assert.AreEqual(0, files.Operations);
            Assert.AreEqual(before, StoreTestData.Fingerprint(store));
        }

        [TestMethod]
        public void UpdateNonce_Base64TheCoreRefuses_InvalidValueNothingWritten()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            store.AddOrReplace(StoreTestData.Account("s", StoreTestData.NonceInitial));
            string before = StoreTestData.Fingerprint(store);
            files.ResetCounter();
            for (int i = 0; i < StoreTestData.NoncesTheCoreRefuses.Length; i++)
            {
                string nonce = StoreTestData.NoncesTheCoreRefuses[i];
                StoreTestData.AreEqual(StoreReason.InvalidValue, store.UpdateNonce("s", nonce), nonce);
                StoreTestData.AreEqual(StoreReason.InvalidValue, store.AddOrReplace(StoreTestData.Account("t", nonce)), nonce);
            }

            Assert.AreEqual(0, files.Operations);
            Assert.AreEqual(before, StoreTestData.Fingerprint(store));
        }

        [TestMethod]
        public void Open_RecordWithOneAccountTheCoreRefuses_AllAccountsLoadAndThatOneNamesItsProblem()
        {
            var files = new FaultInjectingFileSystem();
            StoreTestData.WriteAccountsBypassingValidation(files, StoreTestData.Account("good", StoreTestData.NonceInitial), StoreTestData.Account("bad", "QR=="));
            AccountStore store = StoreTestData.Reopen(files);
            StoreTestData.AreEqual(StoreReason.None, store.AccountsLoadReason);
            Assert.AreEqual(2, store.Count);
            Assert.IsNull(store.Find("good").Problem());
            Assert.AreEqual("nonce is not base64", store.Find("bad").Problem());
        }

        [TestMethod]
        public void UpdateNonce_PowerCutAtEveryOperationAndEveryByte_RebootFindsOldOrNew()
        {
            string[] nonces = new string[] { StoreTestData.NonceFirst, StoreTestData.NonceSecond, StoreTestData.NonceThird };

            // States S0..S3 and the write size of each update, from an uninterrupted run.
            string[] states = new string[nonces.Length + 1];
            int maxFile = 0;
            {
                var files = new FaultInjectingFileSystem();
                AccountStore store = Seed(files);
                states[0] = StoreTestData.Fingerprint(store);
                for (int i = 0; i < nonces.Length; i++)
                {
                    files.ResetCounter();
                    StoreTestData.AreEqual(StoreReason.None, store.UpdateNonce("com.example.dms", nonces[i]));
                    Assert.AreEqual(1, files.Operations, "one file operation per commit");
                    states[i + 1] = StoreTestData.Fingerprint(store);
                }

                maxFile = files.GetRaw(store.AccountsRecord.SlotAName).Length + 8;
            }

            for (int cut = 0; cut < nonces.Length; cut++)
            {
                for (int torn = -1; torn <= maxFile; torn++)
                {
                    var files = new FaultInjectingFileSystem();
                    AccountStore store = Seed(files);
                    files.Arm(cut, torn);
                    for (int i = 0; i < nonces.Length; i++)
                    {
                        if (store.UpdateNonce("com.example.dms", nonces[i]) != StoreReason.None)
                        {
                            break;
                        }
                    }

                    files.Reboot();
                    AccountStore rebooted = StoreTestData.Reopen(files);
                    string found = StoreTestData.Fingerprint(rebooted);
                    Assert.IsTrue(found == states[cut] || found == states[cut + 1], "cut " + cut + " torn " + torn + ": " + found);

                    // The nonce the next trigger is verified with is the one that state holds, and it keeps updating.
                    string expectedNonce = found == states[cut] ? (cut == 0 ? StoreTestData.NonceInitial : nonces[cut - 1]) : nonces[cut];
                    Assert.AreEqual(expectedNonce, rebooted.Find("com.example.dms").NonceBase64);
                    StoreTestData.AreEqual(StoreReason.None, rebooted.UpdateNonce("com.example.dms", StoreTestData.NonceInitial));
                    Assert.AreEqual(StoreTestData.NonceInitial, StoreTestData.Reopen(files).Find("com.example.dms").NonceBase64);
                }
            }
        }

        [TestMethod]
        public void SaveRecentSessions_PowerCutAtEveryByte_RebootFindsOldOrNew()
        {
            var oldSessions = new SessionHistoryEntry[] { new SessionHistoryEntry("com.example.dms", 0x1234, new DateTime(2024, 5, 1, 12, 0, 0)) };
            var newSessions = new SessionHistoryEntry[]
            {
                new SessionHistoryEntry("com.example.dms", 0x1234, new DateTime(2024, 5, 1, 12, 0, 0)),
                new SessionHistoryEntry("other", 0xFFFF, new DateTime(2024, 5, 1, 12, 5, 0)),
            };
            string after;
            {
                var files = new FaultInjectingFileSystem();
                AccountStore store = Seed(files);
                store.SaveRecentSessions(newSessions);
                after = StoreTestData.Fingerprint(store);
            }

            for (int torn = -1; torn <= 120; torn++)
            {
                var files = new FaultInjectingFileSystem();
                AccountStore store = Seed(files);
                store.SaveRecentSessions(oldSessions);
                string before = StoreTestData.Fingerprint(store);
                files.Arm(0, torn);
                StoreReason saved = store.SaveRecentSessions(newSessions);
                files.Reboot();
                AccountStore rebooted = StoreTestData.Reopen(files);
                string found = StoreTestData.Fingerprint(rebooted);
                StoreTestData.AreEqual(StoreReason.IoError, saved);
                Assert.IsTrue(found == before || found == after, "torn " + torn + ": " + found);

                Assert.AreEqual(1, rebooted.Count, "accounts are a separate record and never at risk");
            }
        }

        [TestMethod]
        public void SaveRecentSessions_MoreThanCapacity_KeepsNewest()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = StoreTestData.Reopen(files);
            var many = new SessionHistoryEntry[StoreCodec.MaxRecentSessions + 5];
            for (int i = 0; i < many.Length; i++)
            {
                many[i] = new SessionHistoryEntry("s", i, new DateTime(2024, 1, 1).AddMinutes(i));
            }

            StoreTestData.AreEqual(StoreReason.None, store.SaveRecentSessions(many));
            SessionHistoryEntry[] loaded = StoreTestData.Reopen(files).GetRecentSessions();
            Assert.AreEqual(StoreCodec.MaxRecentSessions, loaded.Length);
            Assert.AreEqual(5, loaded[0].SessionId);
            Assert.AreEqual(many.Length - 1, loaded[loaded.Length - 1].SessionId);
            Assert.AreEqual(many[many.Length - 1].ReceivedUtc.Ticks, loaded[loaded.Length - 1].ReceivedUtc.Ticks);
        }

        [TestMethod]
        public void Open_ChecksumValidButUndecodablePayload_FallsBackToOlderSlot()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = Seed(files);
            string good = StoreTestData.Fingerprint(store);

            // A newer record whose checksum is right but whose payload is not an accounts payload.
            var record = new RecordStore(files, AccountStore.AccountsRecordName, 4096);
            record.Load(null, out byte[] unused);
            byte[] garbage = Encoding.UTF8.GetBytes("garbage");
            record.Save(garbage, 0, garbage.Length);

            AccountStore rebooted = StoreTestData.Reopen(files);
            StoreTestData.AreEqual(StoreReason.None, rebooted.AccountsLoadReason);
            Assert.AreEqual(good, StoreTestData.Fingerprint(rebooted));
        }

        [TestMethod]
        public void DecodeAccounts_EncodedTruncatedAtEveryLength_BadPayloadNeverThrows()
        {
            var accounts = new AccountRecord[] { StoreTestData.Account("com.example.dms", StoreTestData.NonceInitial), StoreTestData.Account("b", "") };
            byte[] payload = StoreCodec.EncodeAccounts(accounts, 7).ToArray();
            StoreTestData.AreEqual(StoreReason.None, StoreCodec.DecodeAccounts(payload, out AccountRecord[] decoded, out uint crc));
            Assert.AreEqual(2, decoded.Length);
            Assert.AreEqual(7u, crc);
            for (int length = 0; length < payload.Length; length++)
            {
                byte[] cut = new byte[length];
                Array.Copy(payload, cut, length);
                StoreTestData.AreEqual(StoreReason.BadPayload, StoreCodec.DecodeAccounts(cut, out decoded, out crc), "length " + length);
                Assert.IsNull(decoded);
            }
        }

        [TestMethod]
        public void DecodeSessions_EncodedTruncatedAtEveryLength_BadPayloadNeverThrows()
        {
            var sessions = new SessionHistoryEntry[] { new SessionHistoryEntry("srv", 42, new DateTime(2024, 2, 3)) };
            byte[] payload = StoreCodec.EncodeSessions(sessions).ToArray();
            StoreTestData.AreEqual(StoreReason.None, StoreCodec.DecodeSessions(payload, out SessionHistoryEntry[] decoded));
            Assert.AreEqual(42, decoded[0].SessionId);
            for (int length = 0; length < payload.Length; length++)
            {
                byte[] cut = new byte[length];
                Array.Copy(payload, cut, length);
                StoreTestData.AreEqual(StoreReason.BadPayload, StoreCodec.DecodeSessions(cut, out decoded), "length " + length);
            }
        }

        [TestMethod]
        public void SaveRecentSessions_WithReplayHistory_RoundTripsAfterReboot()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = Seed(files);
            var sessions = new SessionHistoryEntry[] { new SessionHistoryEntry("com.example.dms", 7, new DateTime(2024, 5, 1)) };
            var replays = new ReplayHistoryEntry[]
            {
                new ReplayHistoryEntry(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, false, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }),
                new ReplayHistoryEntry(new byte[] { 9, 9, 9, 9, 9, 9, 9, 9 }, true, new byte[] { 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7 }),
            };
            byte[] retired = new byte[] { 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xE1 };
            Assert.AreEqual((int)StoreReason.None, (int)store.SaveRecentSessions(sessions, replays, retired));

            // Saving sessions alone keeps the history.
            Assert.AreEqual((int)StoreReason.None, (int)store.SaveRecentSessions(sessions));
            AccountStore reopened = StoreTestData.Reopen(files);
            ReplayHistoryEntry[] loaded = reopened.GetReplayHistory();
            Assert.AreEqual(2, loaded.Length);
            Assert.AreEqual(8, (int)loaded[0].Key[7]);
            Assert.IsFalse(loaded[0].IsResync);
            Assert.AreEqual(16, loaded[0].Digests.Length);
            Assert.AreEqual(16, (int)loaded[0].Digests[15]);
            Assert.IsTrue(loaded[1].IsResync);
            Assert.AreEqual(0xA7, (int)loaded[1].Digests[7]);
            Assert.AreEqual(0xE1, (int)reopened.GetRetiredReplayKeys()[7]);
            Assert.IsTrue(reopened.ReplayHistoryKnown);
        }

        [TestMethod]
        public void SaveRecentSessions_NoCopyKept_GettersReadTheSavedRecord()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = SavedOneSessionAndKey(files, out ReplayHistoryEntry[] replays);
            replays[0].Digests[7] = 0; // the caller's arrays are not what the store hands back
            Assert.AreEqual(7, store.GetRecentSessions()[0].SessionId);
            Assert.AreEqual(9, (int)store.GetReplayHistory()[0].Digests[7]);
            Assert.AreEqual(8, store.GetRetiredReplayKeys().Length);
            Assert.IsTrue(store.ReplayHistoryKnown);
        }

        [TestMethod]
        public void SaveRecentSessions_RecordUnreadableAfterSave_HistoryLostAndSessionsAloneRefused()
        {
            // The store keeps no copy of what it saved: a record that can no longer be read is a lost history (fail
            // closed), and saving sessions alone would write an empty one.
            var files = new FaultInjectingFileSystem();
            AccountStore store = SavedOneSessionAndKey(files, out ReplayHistoryEntry[] replays);
            string[] slots = new string[] { store.SessionsRecord.SlotAName, store.SessionsRecord.SlotBName };
            for (int i = 0; i < slots.Length; i++)
            {
                if (files.Exists(slots[i]))
                {
                    byte[] slot = files.ReadAllBytes(slots[i]);
                    slot[slot.Length - 1] ^= 0xFF;
                    files.WriteAllBytes(slots[i], slot, 0, slot.Length);
                }
            }

            StoreTestData.AreEqual(StoreReason.IoError, store.SaveRecentSessions(new SessionHistoryEntry[0]));
            Assert.AreEqual(0, store.GetReplayHistory().Length);
            Assert.IsFalse(store.ReplayHistoryKnown);
        }

        [TestMethod]
        public void SaveRecentSessions_OutOfMemoryOpeningTheSlot_ThrowsRecordUnchanged()
        {
            // Out of memory is the caller's to name (an SMS trigger is then kept for re-reading), never a store failure.
            var files = new FaultInjectingFileSystem();
            AccountStore store = SavedOneSessionAndKey(files, out ReplayHistoryEntry[] replays);
            long sequence = store.SessionsRecord.Sequence;
            files.OpenWriteOutOfMemory = 1;
            Assert.ThrowsException(typeof(OutOfMemoryException), () => store.SaveRecentSessions(new SessionHistoryEntry[0], replays, new byte[0]));
            Assert.AreEqual(sequence, store.SessionsRecord.Sequence);
            Assert.AreEqual(1, store.GetRecentSessions().Length);
            StoreTestData.AreEqual(StoreReason.None, store.SaveRecentSessions(new SessionHistoryEntry[0], replays, new byte[0]));
        }

        [TestMethod]
        public void AddOrReplace_OutOfMemoryReadingTheRecordBack_ThrowsNothingWritten()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = Seed(files);
            long sequence = store.AccountsRecord.Sequence;
            files.MaxReadBytes = 1;
            Assert.ThrowsException(typeof(OutOfMemoryException), () => store.AddOrReplace(StoreTestData.Account("com.example.other", StoreTestData.NonceInitial)));
            files.MaxReadBytes = int.MaxValue;
            Assert.AreEqual(sequence, store.AccountsRecord.Sequence);
            Assert.AreEqual(1, StoreTestData.Reopen(files).Count);
        }

        [TestMethod]
        public void AddOrReplace_RecordRemovedAfterLoad_RefusedNothingWritten()
        {
            // A record gone after it was read is lost, not a first boot: committing from an empty view would write
            // a record holding only the new account.
            var files = new FaultInjectingFileSystem();
            Seed(files).AddOrReplace(StoreTestData.Account("com.example.b", StoreTestData.NonceInitial));
            AccountStore store = StoreTestData.Reopen(files);
            store.ReleaseLoadedRecords();
            files.Delete(store.AccountsRecord.SlotAName);
            files.Delete(store.AccountsRecord.SlotBName);
            StoreTestData.AreEqual(StoreReason.IoError, store.AddOrReplace(StoreTestData.Account("com.example.c", StoreTestData.NonceInitial)));
            Assert.IsFalse(files.Exists(store.AccountsRecord.SlotAName));
            Assert.IsFalse(files.Exists(store.AccountsRecord.SlotBName));
            StoreTestData.AreEqual(StoreReason.IoError, store.Open());
        }

        [TestMethod]
        public void Open_SessionsRecordRemovedAfterLostMark_HistoryStaysLost()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = SavedOneSessionAndKey(files, out ReplayHistoryEntry[] replays);
            store.SaveRecentSessions(new SessionHistoryEntry[0], replays, new byte[0]);
            string[] slots = new string[] { store.SessionsRecord.SlotAName, store.SessionsRecord.SlotBName };
            for (int i = 0; i < slots.Length; i++)
            {
                byte[] slot = files.ReadAllBytes(slots[i]);
                slot[slot.Length - 1] ^= 0xFF;
                files.WriteAllBytes(slots[i], slot, 0, slot.Length);
            }

            store = StoreTestData.Reopen(files);
            Assert.IsTrue(store.ReplayHistoryLost);
            StoreTestData.AreEqual(StoreReason.None, store.SaveRecentSessions(new SessionHistoryEntry[0], replays, new byte[0]));
            store = StoreTestData.Reopen(files);
            Assert.IsTrue(store.ReplayHistoryKnown);
            Assert.IsTrue(store.ReplayHistoryLost);
            for (int i = 0; i < slots.Length; i++)
            {
                if (files.Exists(slots[i]))
                {
                    files.Delete(slots[i]);
                }
            }

            store.Open();
            Assert.IsFalse(store.ReplayHistoryKnown);
            Assert.IsTrue(store.ReplayHistoryLost);
        }

        // A seeded store that saved session 7 and one key (digest ending 9) with one retired key.
        private static AccountStore SavedOneSessionAndKey(FaultInjectingFileSystem files, out ReplayHistoryEntry[] replays)
        {
            AccountStore store = Seed(files);
            var sessions = new SessionHistoryEntry[] { new SessionHistoryEntry("com.example.dms", 7, new DateTime(2024, 5, 1)) };
            replays = new ReplayHistoryEntry[] { new ReplayHistoryEntry(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, false, new byte[] { 1, 2, 3, 4, 5, 6, 7, 9 }) };
            StoreTestData.AreEqual(StoreReason.None, store.SaveRecentSessions(sessions, replays, new byte[] { 5, 5, 5, 5, 5, 5, 5, 5 }));
            return store;
        }

        [TestMethod]
        public void SaveRecentSessions_FullReplayHistory_WrittenInChunksRoundTrips()
        {
            var files = new FaultInjectingFileSystem();
            AccountStore store = Seed(files);
            var sessions = new SessionHistoryEntry[] { new SessionHistoryEntry("com.example.dms", 7, new DateTime(2024, 5, 1)) };
            var replays = new ReplayHistoryEntry[StoreCodec.MaxReplayKeys];
            for (int i = 0; i < replays.Length; i++)
            {
                byte[] digests = new byte[StoreCodec.MaxReplayDigests * ReplayHistoryEntry.DigestPrefixLength];
                digests[digests.Length - 1] = (byte)i;
                replays[i] = new ReplayHistoryEntry(new byte[] { 1, 2, 3, 4, 5, 6, 7, (byte)i }, false, digests);
            }

            Assert.AreEqual((int)StoreReason.None, (int)store.SaveRecentSessions(sessions, replays, new byte[0]));
            Assert.IsTrue(files.LargestWrite <= RecordStore.ChunkLength, "no write above a chunk");
            ReplayHistoryEntry[] loaded = StoreTestData.Reopen(files).GetReplayHistory();
            Assert.AreEqual(replays.Length, loaded.Length);
            Assert.AreEqual(replays.Length - 1, (int)loaded[replays.Length - 1].Digests[replays[0].Digests.Length - 1]);
        }

        [TestMethod]
        public void DecodeSessions_VersionOnePayload_SessionsKeptHistoryUnknown()
        {
            // A sessions record written before the replay history existed (payload version 1): its sessions load, and
            // the history counts as lost (the boot fails closed for the current keys).
            byte[] versionOne = new byte[]
            {
                0x01,                                           // payload version 1
                0x00, 0x01,                                     // one session
                0x00, 0x03, 0x73, 0x72, 0x76,                   // server id "srv"
                0x00, 0x2A,                                     // session id 42
                0x08, 0xDC, 0x24, 0x39, 0x2D, 0x75, 0x40, 0x00, // received, ticks
            };
            Assert.AreEqual((int)StoreReason.None, (int)StoreCodec.DecodeSessions(versionOne, out SessionHistoryEntry[] sessions, out ReplayHistoryEntry[] replays, out byte[] retired, out bool known));
            Assert.AreEqual(42, sessions[0].SessionId);
            Assert.AreEqual(0, replays.Length);
            Assert.IsFalse(known);
        }

        [TestMethod]
        public void DecodeSessions_WithReplayHistoryAndPendingTruncatedAtEveryLength_BadPayloadNeverThrows()
        {
            var sessions = new SessionHistoryEntry[]
            {
                new SessionHistoryEntry("srv", 42, new DateTime(2024, 2, 3)),
                new SessionHistoryEntry("srv", 43, new DateTime(2024, 2, 3), Bearer.Sms, "+49170", UiMode.Background, Initiator.Server, 12, new byte[] { 0xB2 }, NonceKind.ZeroBytes),
            };
            var replays = new ReplayHistoryEntry[] { new ReplayHistoryEntry(new byte[8], true, new byte[16]) };
            byte[] payload = StoreCodec.EncodeSessions(sessions, replays, new byte[8]).ToArray();
            Assert.AreEqual((int)StoreReason.None, (int)StoreCodec.DecodeSessions(payload, out SessionHistoryEntry[] decoded, out ReplayHistoryEntry[] histories, out byte[] retired, out bool known));
            Assert.AreEqual(16, histories[0].Digests.Length);
            Assert.IsTrue(decoded[1].IsPending);
            Assert.AreEqual("+49170", decoded[1].Source);
            Assert.AreEqual(0xB2, (int)decoded[1].Vendor[0]);
            Assert.AreEqual((int)NonceKind.ZeroBytes, (int)decoded[1].Nonce);
            for (int length = 0; length < payload.Length; length++)
            {
                byte[] cut = new byte[length];
                Array.Copy(payload, cut, length);
                Assert.AreEqual((int)StoreReason.BadPayload, (int)StoreCodec.DecodeSessions(cut, out decoded, out histories, out retired, out known), "length " + length);
            }
        }

        [TestMethod]
        public void EncodeSessions_LargestAgentState_FitsTheRecord()
        {
            // Bounded by design: every session with the longest server id, the pending ones with the longest kept
            // source and vendor tail, every key full, every retired key.
            string id = new string('s', AccountRecord.MaxServerIdBytes);
            string source = new string('+', StoreCodec.MaxSourceBytes);
            var sessions = new SessionHistoryEntry[StoreCodec.MaxRecentSessions];
            for (int i = 0; i < sessions.Length; i++)
            {
                sessions[i] = i < StoreCodec.MaxPendingSessions
                    ? new SessionHistoryEntry(id, i, new DateTime(2024, 1, 1), Bearer.Udp, source, UiMode.Background, Initiator.Server, 12, new byte[StoreCodec.MaxPendingVendorBytes], NonceKind.Stored)
                    : new SessionHistoryEntry(id, i, new DateTime(2024, 1, 1));
            }

            var replays = new ReplayHistoryEntry[StoreCodec.MaxReplayKeys];
            for (int i = 0; i < replays.Length; i++)
            {
                replays[i] = new ReplayHistoryEntry(new byte[] { (byte)i, 0, 0, 0, 0, 0, 0, 0 }, false, new byte[StoreCodec.MaxReplayDigests * ReplayHistoryEntry.DigestPrefixLength]);
            }

            byte[] retired = new byte[StoreCodec.MaxRetiredKeys * ReplayHistoryEntry.KeyLength];
            int length = StoreCodec.EncodeSessions(sessions, replays, retired).Length;
            Assert.IsTrue(length <= AccountStore.MaxSessionsPayload, "payload " + length.ToString());
            var files = new FaultInjectingFileSystem();
            StoreTestData.AreEqual(StoreReason.None, Seed(files).SaveRecentSessions(sessions, replays, retired));
            Assert.AreEqual(StoreCodec.MaxReplayKeys, StoreTestData.Reopen(files).GetReplayHistory().Length);
        }

        private static AccountStore Seed(FaultInjectingFileSystem files)
        {
            AccountStore store = StoreTestData.Reopen(files);
            store.AddOrReplace(StoreTestData.Account("com.example.dms", StoreTestData.NonceInitial));
            return store;
        }
    }
}
