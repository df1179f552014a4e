using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Tests.Sms;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Tests.Wdp
{
    [TestClass]
    public class SmsNotificationReceiverTests
    {
        [TestMethod]
        public void Receive_AppendixCSingle_OneSessionTokenReleased()
        {
            var harness = new Harness(null);
            SmsReceiveResult result = harness.Receive(SmsVectors.AppendixCSingle, 5);
            Assert.AreEqual((int)SmsDisposition.Processed, (int)result.Disposition);
            AssertReason.AreEqual(ReasonCode.None, result.Reason);
            Assert.AreEqual(1, result.ReleasedTokens.Length);
            Assert.AreEqual(5, (int)result.ReleasedTokens[0]);
            Assert.AreEqual(1, harness.Sessions.Count);
            var request = (SessionRequest)harness.Sessions[0];
            Assert.AreEqual("1234", request.SessionId);
            Assert.AreEqual(SmsVectors.ServerId, request.ServerId);
            Assert.AreEqual((int)Bearer.Sms, (int)request.Bearer);
            Assert.AreEqual(SmsVectors.Sender, request.Source);
            Assert.AreEqual(0, harness.Rejections.Count);
        }

        [TestMethod]
        public void Receive_AlphanumericSenderDcsF5_SessionWithNameAsSource()
        {
            var harness = new Harness(null);
            SmsReceiveResult result = harness.Receive(SmsVectors.AppendixCAlphanumericF5, null);
            Assert.AreEqual((int)SmsDisposition.Processed, (int)result.Disposition);
            AssertReason.AreEqual(ReasonCode.None, result.Reason);
            Assert.AreEqual(0, result.ReleasedTokens.Length);
            Assert.AreEqual("Op[DM]", ((SessionRequest)harness.Sessions[0]).Source);
        }

        [TestMethod]
        public void Receive_InsideLargerBuffer_SameSession()
        {
            var harness = new Harness(null);
            byte[] embedded = TestBytes.Embed(SmsVectors.AppendixCSingle, 13, 7);
            SmsReceiveResult result = harness.Receiver.Receive(embedded, 13, SmsVectors.AppendixCSingle.Length, 1);
            AssertReason.AreEqual(ReasonCode.None, result.Reason);
            Assert.AreEqual(1, harness.Sessions.Count);
        }

        [TestMethod]
        public void Receive_ThreePartsOutOfOrderWithDuplicate_OneSessionAllTokens()
        {
            var harness = new Harness(null);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)harness.Receive(SmsVectors.Concat8Part3, 3).Disposition);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)harness.Receive(SmsVectors.Concat8Part1, 1).Disposition);
            SmsReceiveResult duplicate = harness.Receive(SmsVectors.Concat8Part1, 11);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)duplicate.Disposition);
            Assert.AreEqual(0, duplicate.ReleasedTokens.Length);
            SmsReceiveResult last = harness.Receive(SmsVectors.Concat8Part2, 2);
            Assert.AreEqual((int)SmsDisposition.Processed, (int)last.Disposition);
            AssertReason.AreEqual(ReasonCode.None, last.Reason);
            Assert.AreEqual(4, last.ReleasedTokens.Length);
            Assert.AreEqual(1, harness.Sessions.Count);
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void Receive_SixteenBitReference_OneSession()
        {
            var harness = new Harness(null);
            harness.Receive(SmsVectors.Concat16Part2, 2);
            AssertReason.AreEqual(ReasonCode.None, harness.Receive(SmsVectors.Concat16Part1, 1).Reason);
            Assert.AreEqual(1, harness.Sessions.Count);
        }

        [TestMethod]
        public void Receive_PortOnlyInFirstPart_OneSession()
        {
            var harness = new Harness(null);
            harness.Receive(SmsVectors.CdmaPart2, 2);
            harness.Receive(SmsVectors.CdmaPart3, 3);
            SmsReceiveResult result = harness.Receive(SmsVectors.Concat8Part1, 1);
            Assert.AreEqual((int)SmsDisposition.Processed, (int)result.Disposition);
            Assert.AreEqual(3, result.ReleasedTokens.Length);
            Assert.AreEqual(1, harness.Sessions.Count);
        }

        [TestMethod]
        public void Receive_ForeignMessages_LeftInStorageWithNamedReason()
        {
            byte[][] vectors = new byte[][]
            {
                SmsVectors.TextSevenBit, SmsVectors.TextUcs2, SmsVectors.EightBitNoHeader, SmsVectors.WrongPort, SmsVectors.EightBitPort,
                SmsVectors.StatusReport, SmsVectors.Submit,
            };
            ReasonCode[] reasons = new ReasonCode[]
            {
                ReasonCode.UnsupportedCoding, ReasonCode.UnsupportedCoding, ReasonCode.NotWdp, ReasonCode.WrongPort, ReasonCode.WrongPort,
                ReasonCode.NotSmsDeliver, ReasonCode.NotSmsDeliver,
            };
            var harness = new Harness(null);
            for (int i = 0; i < vectors.Length; i++)
            {
                SmsReceiveResult result = harness.Receive(vectors[i], i);
                Assert.AreEqual((int)SmsDisposition.Foreign, (int)result.Disposition, "vector " + i.ToString());
                AssertReason.AreEqual(reasons[i], result.Reason, "vector " + i.ToString());
                Assert.AreEqual(0, result.ReleasedTokens.Length);
                AssertReason.AreEqual(reasons[i], ((NotificationRejection)harness.Rejections[i]).Reason);
            }

            Assert.AreEqual(0, harness.Sessions.Count);
        }

        [TestMethod]
        public void Receive_MalformedHeaderClaimingPushPort_ProcessedMalformed()
        {
            var harness = new Harness(null);
            byte[] pdu = (byte[])SmsVectors.AppendixCSingle.Clone();
            pdu[pdu.Length - 55] = 0x07; // UDHL 7: a lone identifier octet (0x01) after the port element
            SmsReceiveResult result = harness.Receive(pdu, 9);
            Assert.AreEqual((int)SmsDisposition.Processed, (int)result.Disposition);
            AssertReason.AreEqual(ReasonCode.Malformed, result.Reason);
            Assert.AreEqual(1, result.ReleasedTokens.Length);
            AssertReason.AreEqual(ReasonCode.Malformed, ((NotificationRejection)harness.Rejections[0]).Reason);
        }

        [TestMethod]
        public void Receive_MalformedHeadersWithoutPort_ForeignMalformed()
        {
            var harness = new Harness(null);
            Assert.AreEqual((int)SmsDisposition.Foreign, (int)harness.Receive(SmsVectors.ElementPastHeader, 1).Disposition);
            SmsReceiveResult result = harness.Receive(SmsVectors.HeaderPastUserData, 2);
            Assert.AreEqual((int)SmsDisposition.Foreign, (int)result.Disposition);
            AssertReason.AreEqual(ReasonCode.Malformed, result.Reason);
        }

        [TestMethod]
        public void Receive_EveryTruncationOfAcceptedVectors_NoSessionNoThrow()
        {
            byte[][] vectors = new byte[][] { SmsVectors.AppendixCSingle, SmsVectors.AppendixCAlphanumericF5 };
            for (int v = 0; v < vectors.Length; v++)
            {
                var harness = new Harness(null);
                for (int length = 0; length < vectors[v].Length; length++)
                {
                    SmsReceiveResult result = harness.Receiver.Receive(TestBytes.Prefix(vectors[v], length), 0, length, length);
                    Assert.AreNotEqual((int)ReasonCode.None, (int)result.Reason, "cut at " + length.ToString());
                    // Only a cut after the port element may be consumed; before it the PDU stays stored.
                    bool portVisible = length >= vectors[v].Length - 55 + 7;
                    Assert.AreEqual(portVisible ? (int)SmsDisposition.Processed : (int)SmsDisposition.Foreign, (int)result.Disposition, "cut at " + length.ToString());
                }

                Assert.AreEqual(0, harness.Sessions.Count);
            }
        }

        [TestMethod]
        public void ExpireStale_IncompletePushMessage_ReportedAndReleased()
        {
            var options = new SmsReceiverOptions();
            options.ReassemblyTimeoutMilliseconds = 1000;
            var harness = new Harness(options);
            harness.Receive(SmsVectors.Concat8Part1, 1);
            harness.Receive(SmsVectors.Concat8Part2, 2);
            harness.Clock.Advance(999);
            Assert.AreEqual(0, harness.Receiver.ExpireStale().Length);
            harness.Clock.Advance(1);
            object[] released = harness.Receiver.ExpireStale();
            Assert.AreEqual(2, released.Length);
            AssertReason.AreEqual(ReasonCode.Incomplete, ((NotificationRejection)harness.Rejections[0]).Reason);
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void ExpireStale_IncompleteOrdinaryText_NotReleased()
        {
            var options = new SmsReceiverOptions();
            options.ReassemblyTimeoutMilliseconds = 1000;
            var harness = new Harness(options);
            harness.Receive(SmsVectors.CdmaPart2, 2);
            harness.Clock.Advance(1000);
            Assert.AreEqual(0, harness.Receiver.ExpireStale().Length);
            Assert.AreEqual(0, harness.Rejections.Count);
        }

        [TestMethod]
        public void Receive_MorePendingThanBound_OldestPushEvictedAndReleased()
        {
            var options = new SmsReceiverOptions();
            options.MaxPendingMessages = 1;
            var harness = new Harness(options);
            harness.Receive(SmsVectors.Concat8Part1, 1);
            SmsReceiveResult result = harness.Receive(SmsVectors.Concat16Part1, 2);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)result.Disposition);
            Assert.AreEqual(1, result.ReleasedTokens.Length);
            Assert.AreEqual(1, (int)result.ReleasedTokens[0]);
            AssertReason.AreEqual(ReasonCode.Evicted, ((NotificationRejection)harness.Rejections[0]).Reason);
        }

        [TestMethod]
        public void Receive_CdmaDuplicatePortsTolerated_OnlyWhenEnabled()
        {
            var encoder = new SmsDeliverEncoder();
            byte[] prefixed = TestBytes.Concat(new byte[] { 0x0B, 0x84, 0x23, 0xF0 }, SmsVectors.AppendixCWsp);
            byte[] pdu = encoder.Encode(prefixed, 0, prefixed.Length)[0];

            var strict = new Harness(null);
            Assert.AreNotEqual((int)ReasonCode.None, (int)strict.Receive(pdu, 1).Reason);

            var options = new SmsReceiverOptions();
            options.TolerateCdmaDuplicatePorts = true;
            var tolerant = new Harness(options);
            AssertReason.AreEqual(ReasonCode.None, tolerant.Receive(pdu, 1).Reason);
        }

        [TestMethod]
        public void Receive_EncoderOutputAllVariants_OneSessionEach()
        {
            byte[] payload = LongPush();
            int[] flags = new int[] { 0, 1, 2, 3, 4, 7 };
            for (int i = 0; i < flags.Length; i++)
            {
                var encoder = new SmsDeliverEncoder();
                encoder.SixteenBitReference = (flags[i] & 1) != 0;
                encoder.PortsInFirstSegmentOnly = (flags[i] & 2) != 0;
                encoder.DataCodingScheme = (flags[i] & 4) != 0 ? 0xF5 : 0x04;
                byte[] body = (flags[i] & 4) != 0 ? SmsVectors.AppendixCWsp : payload;
                byte[][] parts = encoder.Encode(body, 0, body.Length);
                var harness = new Harness(null);
                SmsReceiveResult last = null;
                for (int p = parts.Length - 1; p >= 0; p--)
                {
                    last = harness.Receive(parts[p], p);
                }

                Assert.AreEqual((int)SmsDisposition.Processed, (int)last.Disposition, "variant " + flags[i].ToString());
                Assert.AreEqual(parts.Length, last.ReleasedTokens.Length);
                Assert.AreEqual(1, harness.Sessions.Count, "variant " + flags[i].ToString());
            }
        }

        [TestMethod]
        public void AppendixCDigest_MatchesDigestOfAccount()
        {
            byte[] digest = new byte[16];
            DigestVerifier.ComputeDigest(SmsVectors.ServerId, SmsVectors.Password, TestBytes.Ascii("appendixC"), SmsVectors.AppendixCWsp, 22, 26, digest, 0);
            Assert.IsTrue(TestBytes.RangeEquals(digest, SmsVectors.AppendixCWsp, 6, 16));
        }

        // Appendix C with a 300-octet vendor-specific tail and its digest: too long for one SMS.
        private static byte[] LongPush()
        {
            byte[] trigger = new byte[26 + 300];
            System.Array.Copy(SmsVectors.AppendixCWsp, 22, trigger, 0, 26);
            byte[] digest = new byte[16];
            DigestVerifier.ComputeDigest(SmsVectors.ServerId, SmsVectors.Password, TestBytes.Ascii("appendixC"), trigger, 0, trigger.Length, digest, 0);
            return TestBytes.Concat(TestBytes.Prefix(SmsVectors.AppendixCWsp, 6), digest, trigger);
        }

        // The agent and receiver under test, with the account of SmsVectors, a manual clock and recorded events.
        private sealed class Harness
        {
            public readonly ManualClock Clock = new ManualClock();
            public readonly ArrayList Sessions = new ArrayList();
            public readonly ArrayList Rejections = new ArrayList();
            public readonly SmsNotificationReceiver Receiver;

            public Harness(SmsReceiverOptions options)
            {
                var accounts = new AccountTable();
                accounts.AddOrReplace(new ServerAccount(SmsVectors.ServerId, SmsVectors.Password, SmsVectors.NonceBase64, ResyncPolicy.Off));
                var agent = new NotificationAgent(accounts, Clock, null);
                agent.SessionRequested += (sender, request) => Sessions.Add(request);
                agent.Rejected += (sender, rejection) => Rejections.Add(Copy(rejection));
                Receiver = new SmsNotificationReceiver(agent, Clock, options);
            }

            public SmsReceiveResult Receive(byte[] pdu, object token)
            {
                return Receiver.Receive(pdu, 0, pdu.Length, token);
            }

            private static NotificationRejection Copy(NotificationRejection rejection)
            {
                var copy = new NotificationRejection();
                copy.Reason = rejection.Reason;
                copy.Source = rejection.Source;
                return copy;
            }
        }
    }
}
