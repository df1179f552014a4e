using System;
using System.Collections.Generic;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// Floods a device on the public networks meets: forged datagrams, never-completing concatenated SMS, replays and
    /// session-id storms. Each proves the agent keeps its one-callback promise with bounded memory.
    /// </summary>
    [TestClass]
    public class FloodTests
    {
        private const int ForgedDatagrams = 1_000_000;
        private const int IncompleteSms = 10_000;
        private const int Replays = 10_000;
        private const string UdpSource = "198.51.100.7:9200";

        [TestMethod]
        public void ProcessPush_MillionForgedDatagramsWithOneValid_OneCallbackAndNoAllocationPerRejection()
        {
            ServerAccount account = HardeningVectors.Account(ResyncPolicy.ZeroBytesThenAscii);
            account.TryStoredNonceText = true; // the most nonce readings a forged digest can make the agent try
            var accounts = new AccountTable();
            accounts.AddOrReplace(account);
            var agent = new NotificationAgent(accounts, new ManualClock(), null);
            int callbacks = 0;
            agent.SessionRequested += (sender, request) => callbacks++;
            byte[][] forged = ForgedPool();
            byte[] valid = HardeningVectors.Wsp(HardeningVectors.SignedSession1234);
            var reasons = new int[32];
            foreach (byte[] datagram in forged)
            {
                agent.ProcessPush(datagram, 0, datagram.Length, Bearer.Udp, UdpSource); // warm-up: JIT and static initialisers
            }

            long allocated = 0;
            for (int i = 0; i < ForgedDatagrams; i++)
            {
                if (i == ForgedDatagrams / 2)
                {
                    AssertReason.AreEqual(ReasonCode.None, agent.ProcessPush(valid, 0, valid.Length, Bearer.Udp, UdpSource));
                }

                byte[] datagram = forged[i % forged.Length];
                long before = GC.GetAllocatedBytesForCurrentThread();
                ReasonCode reason = agent.ProcessPush(datagram, 0, datagram.Length, Bearer.Udp, UdpSource);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                reasons[(int)reason]++;
            }

            Assert.AreEqual(1, callbacks, "callbacks");
            Assert.AreEqual(0, reasons[(int)ReasonCode.None], "forged datagrams accepted");
            Assert.IsTrue(reasons[(int)ReasonCode.DigestMismatch] > 0 && reasons[(int)ReasonCode.UnknownServer] > 0 && reasons[(int)ReasonCode.Truncated] > 0, "mix reached every path");
            Assert.AreEqual(0L, allocated, "bytes allocated over " + ForgedDatagrams + " rejections");
        }

        [TestMethod]
        public void Receive_TenThousandIncompleteConcatenatedSms_PendingBoundedEvictionReportedValidCompletes()
        {
            var clock = new ManualClock();
            var agent = new NotificationAgent(HardeningVectors.Accounts(ResyncPolicy.Off), clock, null);
            var options = new SmsReceiverOptions();
            var receiver = new SmsNotificationReceiver(agent, clock, options);
            int callbacks = 0;
            int evicted = 0;
            agent.SessionRequested += (sender, request) => callbacks++;
            agent.Rejected += (sender, rejection) => evicted += rejection.Reason == ReasonCode.Evicted ? 1 : 0;
            byte[][] firstParts = NeverCompletingFirstParts(IncompleteSms);
            byte[][] valid = HardeningVectors.ThreePartSms(0xBEEF, "+4915112345678", true);
            int next = 0;
            int released = 0;
            for (int i = 0; i < IncompleteSms; i++)
            {
                if (i == IncompleteSms / 2)
                {
                    // The valid message's parts arrive with forged first parts from distinct senders between them, fewer than the
            // cap (more distinct senders than that displace a first-contact sender: see the residual test below).
                    foreach (byte[] part in valid)
                    {
                        released += receiver.Receive(part, 0, part.Length, null).ReleasedTokens.Length;
                        for (int k = 0; k < options.MaxPendingMessages / 3 && next < IncompleteSms; k++, i++)
                        {
                            released += receiver.Receive(firstParts[next], 0, firstParts[next].Length, next).ReleasedTokens.Length;
                            next++;
                        }
                    }
                }

                if (next < IncompleteSms)
                {
                    SmsReceiveResult result = receiver.Receive(firstParts[next], 0, firstParts[next].Length, next);
                    Assert.AreEqual((int)SmsDisposition.Pending, (int)result.Disposition, "part " + next);
                    released += result.ReleasedTokens.Length;
                    next++;
                }

                Assert.IsTrue(receiver.PendingMessages <= options.MaxPendingMessages, "pending messages " + receiver.PendingMessages);
                clock.Advance(10);
            }

            Assert.AreEqual(IncompleteSms, next, "forged messages sent");
            int pending = receiver.PendingMessages;
            long retained = RetainedUntilReleased(ref receiver, ref agent);
            Assert.AreEqual(1, callbacks, "the valid concatenated trigger completes once");
            Assert.AreEqual(IncompleteSms - pending, evicted, "every displaced forged message is reported Evicted");
            Assert.IsTrue(released >= evicted, "each evicted part's storage slot is released");
            Assert.AreEqual(System.Math.Min(pending, options.MaxStoredParts), IncompleteSms - released, "slots still held: only the bounded backing, so modem storage cannot fill");
            Assert.IsTrue(retained < 64 * 1024, "retained bytes after the flood: " + retained);
        }

        [TestMethod]
        public void Receive_ValidConcatenatedAmidTenThousandForgedFirstPartsFromOneSender_CompletesMemoryBounded()
        {
            FloodAroundValid(IncompleteSms, distinctSenders: false, trustSenderFirst: false, out int callbacks, out int pendingPeak, out long retained);
            Assert.AreEqual(1, callbacks, "the valid concatenated trigger completes");
            Assert.IsTrue(pendingPeak <= new SmsReceiverOptions().MaxPendingMessages, "pending " + pendingPeak);
            Assert.IsTrue(retained < 64 * 1024, "retained bytes after the flood: " + retained);
        }

        [TestMethod]
        public void Receive_TrustedSenderAmidTenThousandForgeriesFromDistinctSenders_CompletesMemoryBounded()
        {
            FloodAroundValid(IncompleteSms, distinctSenders: true, trustSenderFirst: true, out int callbacks, out int pendingPeak, out long retained);
            Assert.AreEqual(2, callbacks, "the earlier single trigger, then the concatenated one");
            Assert.IsTrue(pendingPeak <= new SmsReceiverOptions().MaxPendingMessages, "pending " + pendingPeak);
            Assert.IsTrue(retained < 64 * 1024, "retained bytes after the flood: " + retained);
        }

        [TestMethod]
        public void Receive_FirstContactSender_SurvivesFifteenDistinctForgingSendersNotSixteen()
        {
            // The stated residual: a sender never authenticated before has no protection beyond fairness, so forged
            // first parts from MaxPendingMessages other senders arriving while its message is pending displace it (each
            // sender holds one message, the oldest goes). One fewer does not.
            int bound = new SmsReceiverOptions().MaxPendingMessages;
            FloodAroundValid(bound - 1, distinctSenders: true, trustSenderFirst: false, out int survived, out int _, out long _);
            FloodAroundValid(bound, distinctSenders: true, trustSenderFirst: false, out int displaced, out int _, out long _);
            Assert.AreEqual(1, survived);
            Assert.AreEqual(0, displaced);
        }

        [TestMethod]
        public void Receive_FirstContactSenderWithPlantedCandidates_DisplacedBySameSendersAsWithout()
        {
            // At the byte bound the heaviest sender goes. Forged copies of the held parts planted under the valid key
            // must not make the valid sender heavier: surplus candidates go before any message, so it takes as many
            // other senders to displace the message with them as without.
            int threshold = 0;
            for (int senders = 1; senders <= 32 && threshold == 0; senders++)
            {
                threshold = ByteFloodAroundValid(senders, planted: false) ? 0 : senders;
            }

            Assert.IsTrue(threshold > 1, "some senders displace it: " + threshold);
            Assert.IsTrue(ByteFloodAroundValid(threshold - 1, planted: true), "planted, one sender fewer");
            Assert.IsFalse(ByteFloodAroundValid(threshold, planted: true));
        }

        [TestMethod]
        public void Receive_ForgedVariantOfEveryPartFirst_ValidCombinationFoundWithinBound()
        {
            var clock = new ManualClock();
            var agent = new NotificationAgent(HardeningVectors.Accounts(ResyncPolicy.Off), clock, null);
            var options = new SmsReceiverOptions();
            var receiver = new SmsNotificationReceiver(agent, clock, options);
            int callbacks = 0;
            int refused = 0;
            agent.SessionRequested += (sender, request) => callbacks++;
            agent.Rejected += (sender, rejection) => refused += rejection.Reason == ReasonCode.DigestMismatch ? 1 : 0;
            byte[][] valid = HardeningVectors.ThreePartSms(0x77, "+4915112345678", false);
            var released = new HashSet<int>();
            SmsReceiveResult last = null;
            for (int p = 0; p < valid.Length; p++)
            {
                byte[] forged = (byte[])valid[p].Clone();
                forged[^1] ^= 0x5A; // last payload octet: same sender, reference and part number
                last = receiver.Receive(forged, 0, forged.Length, 10 + p);
            }

            for (int p = valid.Length - 1; p >= 0; p--)
            {
                last = receiver.Receive(valid[p], 0, valid[p].Length, p);
                foreach (object token in last.ReleasedTokens)
                {
                    released.Add((int)token);
                }
            }

            Assert.AreEqual(1, callbacks);
            AssertReason.AreEqual(ReasonCode.None, last.Reason);
            Assert.IsTrue(refused < options.MaxCombinationsPerArrival, "combinations refused before the valid one: " + refused);
            Assert.AreEqual(6, released.Count, "every stored part, forged and valid, released once the message authenticated");
            Assert.AreEqual(0, receiver.PendingMessages);
        }

        [TestMethod]
        public void ConcatenationReassembler_TenThousandIncompleteMessages_PendingBytesStayUnderCap()
        {
            const int MaxBytes = 1024;
            var reassembler = new ConcatenationReassembler(new ManualClock(), 8, MaxBytes, 600_000);
            var header = new UserDataHeader();
            var deliver = new OmaDm.Notification.Sms.SmsDeliver();
            int givenUpTotal = 0;
            foreach (byte[] pdu in NeverCompletingFirstParts(IncompleteSms))
            {
                AssertReason.AreEqual(ReasonCode.None, OmaDm.Notification.Sms.SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, deliver));
                AssertReason.AreEqual(ReasonCode.None, header.Decode(pdu, deliver.UserDataOffset, deliver.UserDataCount));
                var givenUp = new System.Collections.ArrayList();
                reassembler.Add(deliver.OriginatingAddress, header, pdu, null, givenUp, out PendingMessage _);
                givenUpTotal += givenUp.Count;
                Assert.IsTrue(reassembler.PendingBytes <= MaxBytes, "pending bytes " + reassembler.PendingBytes);
                Assert.IsTrue(reassembler.PendingMessages <= 8, "pending messages " + reassembler.PendingMessages);
            }

            Assert.AreEqual(IncompleteSms - reassembler.PendingMessages, givenUpTotal, "given up");
        }

        [TestMethod]
        public void ProcessPush_ValidTriggerReplayedTenThousandTimes_OneCallback()
        {
            var clock = new ManualClock();
            var agent = new NotificationAgent(HardeningVectors.Accounts(ResyncPolicy.Off), clock, null);
            int callbacks = 0;
            agent.SessionRequested += (sender, request) => callbacks++;
            byte[] valid = HardeningVectors.Wsp(HardeningVectors.SignedSession1234);
            int duplicates = 0;
            for (int i = 0; i < Replays; i++)
            {
                ReasonCode reason = agent.ProcessPush(valid, 0, valid.Length, Bearer.Udp, UdpSource);
                duplicates += reason == ReasonCode.Duplicate ? 1 : 0;
                clock.Advance(100); // 1,000 s in all: past the duplicate window, but the session is still open
            }

            Assert.AreEqual(1, callbacks);
            Assert.AreEqual(Replays - 1, duplicates);
        }

        [TestMethod]
        public void ProcessPush_ResyncSignedReplayedWithPolicyOff_DigestMismatchEveryTime()
        {
            ReplayResync(ResyncPolicy.Off, out int callbacks, out int[] reasons);
            Assert.AreEqual(0, callbacks);
            Assert.AreEqual(Replays, reasons[(int)ReasonCode.DigestMismatch]);
        }

        [TestMethod]
        public void ProcessPush_ResyncSignedReplayedWithPolicyZeroBytes_OneResyncCallbackThenDuplicates()
        {
            SessionRequest request = ReplayResync(ResyncPolicy.ZeroBytes, out int callbacks, out int[] reasons);
            Assert.AreEqual(1, callbacks);
            Assert.IsTrue(request.IsResync);
            Assert.AreEqual((int)NonceKind.ZeroBytes, (int)request.Nonce);
            Assert.AreEqual(Replays - 1, reasons[(int)ReasonCode.Duplicate]);
        }

        [TestMethod]
        public void ProcessPush_ResyncSignedReplayedForMonthsAmidOtherSessionsAndReboots_OneCallback()
        {
            // A captured resync trigger verifies for as long as the password stands (the default nonce never changes).
            // It is replayed 10,000 times, an hour apart (past every duplicate and rate-limit window), while the server
            // runs 200 other sessions and changes its stored nonce, and the device reboots every 1,000 replays.
            var clock = new ManualClock();
            ManualClock uptime = null; // the agent's clock: monotonic time restarts at every reboot
            var options = new AgentOptions();
            ServerAccount account = HardeningVectors.Account(ResyncPolicy.ZeroBytes);
            NotificationAgent agent = null;
            ReplayHistoryEntry[] savedReplays = new ReplayHistoryEntry[0];
            byte[] savedRetired = new byte[0];
            SessionHistoryEntry[] savedSessions = new SessionHistoryEntry[0];
            int callbacks = 0;
            var reasons = new int[32];
            byte[] captured = HardeningVectors.Wsp(HardeningVectors.ResyncSigned);
            for (int i = 0; i < Replays; i++)
            {
                if (i % 1000 == 0)
                {
                    var accounts = new AccountTable();
                    accounts.AddOrReplace(account);
                    uptime = new ManualClock(0, clock.UtcNow);
                    agent = new NotificationAgent(accounts, uptime, options);
                    agent.RestoreRecentSessions(savedSessions);
                    agent.RestoreReplayHistory(savedReplays, savedRetired);
                    agent.SessionRequested += (sender, request) =>
                    {
                        callbacks++;
                        ((NotificationAgent)sender).CompleteSession(request.ServerId, request.SessionIdValue);
                    };
                }

                reasons[(int)agent.ProcessPush(captured, 0, captured.Length, Bearer.Udp, UdpSource)]++;
                if (i % 50 == 0)
                {
                    // Each session sets the next nonce (the server's NextNonce), and the next trigger is signed with it.
                    byte[] nonce = System.Text.Encoding.ASCII.GetBytes("nonce-" + i);
                    account.TrySetNonce(Convert.ToBase64String(nonce));
                    byte[] fresh = HardeningVectors.Wsp(HardeningVectors.Package0(HardeningVectors.HeaderVersion12, 0x1000 + i / 50, HardeningVectors.ServerId, Array.Empty<byte>(), nonce));
                    AssertReason.AreEqual(ReasonCode.None, agent.ProcessPush(fresh, 0, fresh.Length, Bearer.Udp, UdpSource), "session " + i / 50);
                }

                savedReplays = agent.GetReplayHistory();
                savedRetired = agent.GetRetiredReplayKeys();
                savedSessions = agent.GetRecentSessions();
                clock.Advance(options.RateLimitWindowMilliseconds);
                uptime.Advance(options.RateLimitWindowMilliseconds);
            }

            Assert.AreEqual(1 + Replays / 50, callbacks, "the captured trigger once, and every fresh session");
            Assert.AreEqual(Replays - 1, reasons[(int)ReasonCode.Replayed]);
            // Every nonce is a new key: the history stays within its fixed bounds, and the resync key (the captured
            // trigger's) is kept while older stored-nonce keys are retired.
            Assert.IsTrue(savedReplays.Length <= NotificationAgent.MaxReplayKeys, "keys bounded");
            Assert.IsTrue(savedRetired.Length <= NotificationAgent.MaxRetiredReplayKeys * ReplayHistoryEntry.KeyLength, "retired keys bounded");
            int resyncKeys = 0;
            for (int k = 0; k < savedReplays.Length; k++)
            {
                resyncKeys += savedReplays[k].IsResync ? 1 : 0;
            }

            Assert.AreEqual(1, resyncKeys, "the resync key kept");
        }

        [TestMethod]
        public void ProcessPush_DistinctSessionsBeyondRateLimit_RateLimitedAndForgeriesDoNotConsumeIt()
        {
            var clock = new ManualClock();
            var options = new AgentOptions();
            var agent = new NotificationAgent(HardeningVectors.Accounts(ResyncPolicy.Off), clock, options);
            int callbacks = 0;
            agent.SessionRequested += (sender, request) => callbacks++;
            byte[][] forged = ForgedPool();
            for (int i = 0; i < 1000; i++)
            {
                byte[] datagram = forged[i % forged.Length];
                agent.ProcessPush(datagram, 0, datagram.Length, Bearer.Udp, UdpSource);
            }

            var reasons = new int[32];
            for (int session = 1; session <= options.RateLimitCount + 10; session++)
            {
                byte[] push = SignedPush(session);
                reasons[(int)agent.ProcessPush(push, 0, push.Length, Bearer.Udp, UdpSource)]++;
                clock.Advance(1000);
            }

            Assert.AreEqual(options.RateLimitCount, callbacks, "accepted before the limit");
            Assert.AreEqual(10, reasons[(int)ReasonCode.RateLimited]);

            clock.Advance(options.RateLimitWindowMilliseconds);
            byte[] later = SignedPush(0x7000);
            AssertReason.AreEqual(ReasonCode.None, agent.ProcessPush(later, 0, later.Length, Bearer.Udp, UdpSource), "after the window");
        }

        // A valid 3-part trigger from "+4915112345678" with `forgeries` never-completing first parts (a 2-part WAP push
        // each) arriving while it is pending, half after its part 1, half after its part 2, from one other sender or
        // from distinct ones. With trustSenderFirst the
        // same sender's single-SMS trigger authenticated before.
        // The valid 3-part trigger with parts 1 and 2 held (each after two forged copies when planted), then `senders`
        // other senders each holding two 128-octet parts, then part 3. True when it was accepted.
        private static bool ByteFloodAroundValid(int senders, bool planted)
        {
            var clock = new ManualClock();
            var agent = new NotificationAgent(HardeningVectors.Accounts(ResyncPolicy.Off), clock, null);
            var receiver = new SmsNotificationReceiver(agent, clock, new SmsReceiverOptions());
            int count = 0;
            agent.SessionRequested += (sender, request) => count++;
            byte[][] valid = HardeningVectors.ThreePartSms(0xBEEF, "+4915112345678", true);
            int token = 0;
            for (int p = 0; p < 2; p++)
            {
                for (int v = 1; planted && v <= 2; v++)
                {
                    byte[] forged = (byte[])valid[p].Clone();
                    forged[^1] ^= (byte)v;
                    receiver.Receive(forged, 0, forged.Length, token++);
                }

                receiver.Receive(valid[p], 0, valid[p].Length, token++);
            }

            byte[] filler = new byte[3 * 128];
            for (int s = 0; s < senders; s++)
            {
                var encoder = new SmsDeliverEncoder { Reference = s, Sender = "+1666" + s.ToString("D7") };
                byte[][] parts = encoder.Encode(filler, 0, filler.Length);
                receiver.Receive(parts[0], 0, parts[0].Length, token++);
                receiver.Receive(parts[1], 0, parts[1].Length, token++);
            }

            receiver.Receive(valid[2], 0, valid[2].Length, token++);
            return count == 1;
        }

        private static void FloodAroundValid(int forgeries, bool distinctSenders, bool trustSenderFirst, out int callbacks, out int pendingPeak, out long retained)
        {
            const string ValidSender = "+4915112345678";
            var clock = new ManualClock();
            var agent = new NotificationAgent(HardeningVectors.Accounts(ResyncPolicy.Off), clock, null);
            var receiver = new SmsNotificationReceiver(agent, clock, new SmsReceiverOptions());
            int count = 0;
            agent.SessionRequested += (sender, request) => count++;
            if (trustSenderFirst)
            {
                byte[] push = HardeningVectors.Wsp(HardeningVectors.SignedSession0);
                byte[] single = new SmsDeliverEncoder { Sender = ValidSender }.Encode(push, 0, push.Length)[0];
                AssertReason.AreEqual(ReasonCode.None, receiver.Receive(single, 0, single.Length, null).Reason);
            }

            byte[][] valid = HardeningVectors.ThreePartSms(0xBEEF, ValidSender, true);
            byte[] forgedPayload = HardeningVectors.Wsp(HardeningVectors.SignedLongVendor);
            int peak = 0;
            int next = 0;
            for (int p = 0; p < valid.Length; p++)
            {
                receiver.Receive(valid[p], 0, valid[p].Length, p);
                int gap = p == 0 ? forgeries / 2 : p == 1 ? forgeries - forgeries / 2 : 0;
                for (int i = 0; i < gap; i++, next++)
                {
                    var encoder = new SmsDeliverEncoder
                    {
                        Reference = next & 0xFFFF,
                        SixteenBitReference = true,
                        Sender = distinctSenders ? "+1555" + next.ToString("D7") : "+16660000000",
                    };
                    byte[] part = encoder.Encode(forgedPayload, 0, forgedPayload.Length)[0];
                    receiver.Receive(part, 0, part.Length, 1000 + next);
                    peak = Math.Max(peak, receiver.PendingMessages);
                    clock.Advance(10);
                }
            }

            pendingPeak = peak;
            callbacks = count;
            retained = RetainedUntilReleased(ref receiver, ref agent);
        }

        // What the receiver and its agent hold after a flood: the heap with them, less the heap once they are released.
        // Both samples are taken back to back, so threads other tests left behind cannot add their allocations the way
        // they could to a sample taken before the flood and one after it.
        private static long RetainedUntilReleased(ref SmsNotificationReceiver receiver, ref NotificationAgent agent)
        {
            // Objects with finalizers that earlier tests dropped (sockets, streams) are freed over two collections:
            // settle them first, so their memory is not counted as the receiver's.
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            long with = GC.GetTotalMemory(true);
            GC.KeepAlive(receiver);
            GC.KeepAlive(agent);
            receiver = null;
            agent = null;
            return with - GC.GetTotalMemory(true);
        }

        private static SessionRequest ReplayResync(ResyncPolicy policy, out int callbacks, out int[] reasons)
        {
            var clock = new ManualClock();
            var agent = new NotificationAgent(HardeningVectors.Accounts(policy), clock, null);
            SessionRequest last = null;
            int count = 0;
            agent.SessionRequested += (sender, request) => { count++; last = request; };
            byte[] push = HardeningVectors.Wsp(HardeningVectors.ResyncSigned);
            reasons = new int[32];
            for (int i = 0; i < Replays; i++)
            {
                reasons[(int)agent.ProcessPush(push, 0, push.Length, Bearer.Udp, UdpSource)]++;
                clock.Advance(100);
            }

            callbacks = count;
            return last;
        }

        private static byte[] SignedPush(int sessionId) => HardeningVectors.Wsp(
            HardeningVectors.Package0(HardeningVectors.HeaderVersion12, sessionId, HardeningVectors.ServerId, Array.Empty<byte>(), HardeningVectors.NonceBytes()));

        // Unknown servers, bad digests (short and long triggers, every nonce reading tried), and malformed pushes.
        private static byte[][] ForgedPool()
        {
            var pool = new List<byte[]>();
            byte[] nonce = HardeningVectors.NonceBytes();
            for (int session = 0; session < 8; session++)
            {
                pool.Add(HardeningVectors.Wsp(HardeningVectors.Package0(HardeningVectors.HeaderVersion12, session, "evil.example", new byte[session * 40], nonce)));
                byte[] badDigest = HardeningVectors.Wsp(HardeningVectors.Package0(HardeningVectors.HeaderVersion12, session, HardeningVectors.ServerId, new byte[session * 40], nonce));
                badDigest[HardeningVectors.WspPrefix.Length + session] ^= 0x01;
                pool.Add(badDigest);
            }

            byte[] valid = HardeningVectors.Wsp(HardeningVectors.SignedSession1234);
            pool.Add(valid.AsSpan(0, 20).ToArray());                          // Truncated trigger
            pool.Add(valid.AsSpan(0, 2).ToArray());                           // Truncated WSP
            pool.Add(TestBytes.FromHex("01 04 03 C4 AF 87 DEADBEEF"));     // NotPush
            pool.Add(TestBytes.FromHex("01 06 03 D8 AF 87 DEADBEEF"));     // DmNotificationV13
            pool.Add(TestBytes.FromHex("01 06 90 80 80 80 00 C4 AF 87"));  // uintvar overflow
            byte[] zeroServerId = (byte[])valid.Clone();
            zeroServerId[HardeningVectors.WspPrefix.Length + 23] = 0;           // server-id length 0
            pool.Add(zeroServerId);
            return pool.ToArray();
        }

        // First parts of two-part WAP push messages whose second part never comes: distinct references and senders.
        private static byte[][] NeverCompletingFirstParts(int count)
        {
            byte[] payload = HardeningVectors.Wsp(HardeningVectors.SignedLongVendor);
            var parts = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                var encoder = new SmsDeliverEncoder { Reference = i & 0xFFFF, SixteenBitReference = true, Sender = "+1555" + i.ToString("D7") };
                parts[i] = encoder.Encode(payload, 0, payload.Length)[0];
            }

            return parts;
        }
    }
}
