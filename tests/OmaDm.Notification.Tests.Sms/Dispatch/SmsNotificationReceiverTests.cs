using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.Sms;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Dispatch
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
        public void Receive_WithHandlers_WspPduToPushHandlerFinalOutcomesToReporter()
        {
            // A tool that shows the layers (dmnotify decode) plugs in its own handlers instead of an agent.
            int[] pushed = new int[2];
            ReasonCode[] reported = new ReasonCode[1];
            var receiver = new SmsNotificationReceiver(
                (buffer, offset, count, bearer, source) =>
                {
                    pushed[0]++;
                    pushed[1] = count;
                    return ReasonCode.DigestMismatch;
                },
                (reason, bearer, source) => reported[0] = reason,
                new ManualClock(),
                null);
            SmsReceiveResult result = receiver.Receive(SmsVectors.AppendixCSingle, 0, SmsVectors.AppendixCSingle.Length, 5);
            Assert.AreEqual((int)SmsDisposition.Processed, (int)result.Disposition);
            Assert.AreEqual((int)ReasonCode.DigestMismatch, (int)result.Reason);
            Assert.AreEqual(1, pushed[0]);
            Assert.AreEqual(SmsVectors.AppendixCWsp.Length, pushed[1]);

            result = receiver.Receive(SmsVectors.WrongPort, 0, SmsVectors.WrongPort.Length, 6);
            Assert.AreEqual((int)SmsDisposition.Foreign, (int)result.Disposition);
            Assert.AreEqual((int)ReasonCode.WrongPort, (int)reported[0]);
            Assert.AreEqual(1, pushed[0]);
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => new SmsNotificationReceiver(null, (reason, bearer, source) => { }, new ManualClock(), null));
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
            Assert.AreEqual(1, duplicate.ReleasedTokens.Length, "the copy is held already: its slot is freed at once");
            Assert.AreEqual(11, (int)duplicate.ReleasedTokens[0]);
            SmsReceiveResult last = harness.Receive(SmsVectors.Concat8Part2, 2);
            harness.AssertOneSession(last, 3);
        }

        [TestMethod]
        public void Receive_CombinationLongerThanMaxMessageBytes_OversizedNeverPushedPartsKept()
        {
            var options = new SmsReceiverOptions();
            options.MaxMessageBytes = 16;
            var harness = new Harness(options);
            harness.Receive(SmsVectors.Concat8Part1, 1);
            harness.Receive(SmsVectors.Concat8Part2, 2);
            SmsReceiveResult last = harness.Receive(SmsVectors.Concat8Part3, 3);

            // Refused before it was assembled: the agent saw no push (no session, no verdict of its own), only the report.
            Assert.AreEqual((int)SmsDisposition.Pending, (int)last.Disposition);
            AssertReason.AreEqual(ReasonCode.Oversized, last.Reason);
            Assert.AreEqual(0, harness.Sessions.Count);
            Assert.AreEqual(1, harness.Rejections.Count);
            AssertReason.AreEqual(ReasonCode.Oversized, ((NotificationRejection)harness.Rejections[0]).Reason);
            Assert.AreEqual(0, last.ReleasedTokens.Length);
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
                SmsVectors.StatusReport, SmsVectors.Submit, SmsVectors.AppendixCType0, SmsVectors.SimDataDownload,
            };
            ReasonCode[] reasons = new ReasonCode[]
            {
                ReasonCode.UnsupportedCoding, ReasonCode.UnsupportedCoding, ReasonCode.NotWdp, ReasonCode.WrongPort, ReasonCode.WrongPort,
                ReasonCode.NotSmsDeliver, ReasonCode.NotSmsDeliver, ReasonCode.ShortMessageType0, ReasonCode.SimDataDownload,
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
        public void Receive_ConcatenationElementSequenceAboveTotal_HandledUnconcatenatedOneSession()
        {
            // Appendix C with an 8-bit concatenation element claiming part 4 of 3 after the ports (3GPP TS 23.040
            // 9.2.3.24.1: the element is ignored, so the PDU is one whole message).
            var harness = new Harness(null);
            byte[] pdu = TestBytes.Concat(
                TestBytes.Prefix(SmsVectors.AppendixCSingle, 26),             // SMSC, first octet, TP-OA, TP-PID, TP-DCS, TP-SCTS
                new byte[] { 0x3C },                                  // TP-UDL 60 = 55 + 5
                new byte[] { 0x0B, 0x05, 0x04, 0x0B, 0x84, 0xC0, 0x02 }, // UDHL 11; IE 0x05: dest 2948, source 49154
                new byte[] { 0x00, 0x03, 0x2A, 0x03, 0x04 },          // IE 0x00: reference 42, 3 parts, part 4: ignored
                SmsVectors.AppendixCWsp);
            SmsReceiveResult result = harness.Receive(pdu, 4);
            Assert.AreEqual((int)SmsDisposition.Processed, (int)result.Disposition);
            Assert.AreEqual((int)ReasonCode.None, (int)result.Reason);
            Assert.AreEqual(1, harness.Sessions.Count);
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
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
        public void Receive_ForgedPartWithSameSenderAndReferenceFirst_NothingDeletedThenValidCompletes()
        {
            var harness = new Harness(null);
            byte[] forgedPart2 = (byte[])SmsVectors.Concat8Part2.Clone();
            forgedPart2[32] ^= 0xFF; // first payload octet (WSP byte 16, a digest octet): same sender, reference and part
            Assert.AreEqual((int)SmsDisposition.Pending, (int)harness.Receive(forgedPart2, 20).Disposition);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)harness.Receive(SmsVectors.Concat8Part1, 1).Disposition);

            // Complete with the forged part: refused, but every part stays held and stored.
            SmsReceiveResult poisoned = harness.Receive(SmsVectors.Concat8Part3, 3);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)poisoned.Disposition);
            Assert.AreEqual((int)ReasonCode.DigestMismatch, (int)poisoned.Reason);
            Assert.AreEqual(0, poisoned.ReleasedTokens.Length);
            Assert.AreEqual(1, harness.Receiver.PendingMessages);

            SmsReceiveResult last = harness.Receive(SmsVectors.Concat8Part2, 2);
            harness.AssertOneSession(last, 4);
        }

        [TestMethod]
        public void Receive_EightForgedFirstPartsFromOtherSendersBetweenParts_ValidCompletes()
        {
            var harness = new Harness(null);
            harness.Receive(SmsVectors.Concat8Part1, 1);
            for (int i = 0; i < 8; i++)
            {
                byte[] forged = ForgedFirstPart("+1555000010" + i.ToString(), i);
                Assert.AreEqual((int)SmsDisposition.Pending, (int)harness.Receive(forged, 100 + i).Disposition);
            }

            harness.CompleteValid();
        }

        [TestMethod]
        public void Receive_HundredForgedFirstPartsFromOneOtherSender_ValidCompletesOnlyForgeriesReleased()
        {
            var harness = new Harness(null);
            harness.Receive(SmsVectors.Concat8Part1, 1);
            int released = 0;
            for (int i = 0; i < 100; i++)
            {
                SmsReceiveResult result = harness.Receive(ForgedFirstPart("+16660000000", i), 100 + i);
                for (int t = 0; t < result.ReleasedTokens.Length; t++)
                {
                    Assert.IsTrue((int)result.ReleasedTokens[t] >= 100, "a forged part's slot, not the valid one's");
                    released++;
                }
            }

            Assert.AreEqual(100 - 2, released);
            harness.Receive(SmsVectors.Concat8Part2, 2);
            Assert.AreEqual((int)ReasonCode.None, (int)harness.Receive(SmsVectors.Concat8Part3, 3).Reason);
            Assert.AreEqual(1, harness.Sessions.Count);
        }

        [TestMethod]
        public void Receive_SenderAuthenticatedBefore_ForgeriesFromManySendersCannotDisplaceIt()
        {
            var harness = new Harness(null);
            Assert.AreEqual((int)ReasonCode.None, (int)harness.Receive(SmsVectors.AppendixCSingle, 5).Reason);
            harness.Agent.CompleteSession(SmsVectors.ServerId, 0x1234);
            harness.Clock.Advance(new AgentOptions().DuplicateWindowMilliseconds);

            // The same sender, now a trigger with a vendor tail in three parts, 200 other senders' first parts around it.
            var encoder = new SmsDeliverEncoder();
            encoder.Sender = SmsVectors.Sender;
            byte[] push = LongPush();
            byte[][] parts = encoder.Encode(push, 0, push.Length);
            SmsReceiveResult last = null;
            for (int p = 0; p < parts.Length; p++)
            {
                last = harness.Receive(parts[p], p);
                for (int i = 0; i < 100 && p < parts.Length - 1; i++)
                {
                    harness.Receive(ForgedFirstPart("+1555" + (p * 100 + i).ToString(), i), 100 + i);
                }
            }

            Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
            Assert.AreEqual(2, harness.Sessions.Count);
            Assert.IsTrue(harness.Receiver.PendingMessages <= new SmsReceiverOptions().MaxPendingMessages);
        }

        [TestMethod]
        public void Receive_ThirtyConflictingCopiesOfOnePart_FirstAndNewestStored()
        {
            var harness = new Harness(null);
            var held = new ArrayList();
            for (int i = 0; i < 30; i++)
            {
                byte[] forged = ForgedFirstPart("+16660000000", 9);
                forged[forged.Length - 1] = (byte)i; // a conflicting candidate under one sender and reference
                harness.Track(held, harness.Receive(forged, 100 + i), 100 + i);
                Assert.AreEqual(i == 0 ? 1 : 2, held.Count, "copy " + i.ToString());
                Assert.AreEqual(100 + i, (int)held[held.Count - 1]);
            }

            Assert.AreEqual(100, (int)held[0]);
            harness.CompleteValidStored(held);
        }

        [TestMethod]
        public void Receive_FirstPartsFromThirtySendersAroundValid_StoredPartsBoundedValidCompletes()
        {
            var harness = new Harness(null);
            var held = new ArrayList();
            byte[][] valid = new byte[][] { SmsVectors.Concat8Part1, SmsVectors.Concat8Part2, SmsVectors.Concat8Part3 };
            int[] before = new int[] { 20, 5, 5 }; // fewer than 16 after part 1: row 11's first-contact residual aside
            int token = 100;
            SmsReceiveResult last = null;
            for (int p = 0; p < valid.Length; p++)
            {
                for (int i = 0; i < before[p]; i++, token++)
                {
                    harness.ReceiveStored(held, ForgedFirstPart("+1555000" + token.ToString(), i), token);
                }

                last = harness.ReceiveStored(held, valid[p], p + 1);
            }

            Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
            Assert.AreEqual(1, harness.Sessions.Count);
            Assert.IsFalse(held.Contains(1) || held.Contains(2) || held.Contains(3));
        }

        [TestMethod]
        public void Receive_TwoForgedCopiesOfPartOneFirst_ValidCompletes()
        {
            var harness = new Harness(null);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)harness.Receive(ForgedCopy(SmsVectors.Concat8Part1, 1), 10).Disposition);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)harness.Receive(ForgedCopy(SmsVectors.Concat8Part1, 2), 11).Disposition);
            harness.Receive(SmsVectors.Concat8Part1, 1);
            harness.Receive(SmsVectors.Concat8Part2, 2);

            // The first forged copy's slot and the three valid ones; the second forged copy's went when it was replaced.
            harness.AssertOneSession(harness.Receive(SmsVectors.Concat8Part3, 3), 4);
        }

        [TestMethod]
        public void Receive_ThirtySendersThenThirtyForgedCopiesOfPartOne_ValidCompletesStorageBounded()
        {
            var harness = new Harness(null);
            var held = new ArrayList();
            for (int i = 0; i < 30; i++)
            {
                harness.ReceiveStored(held, ForgedFirstPart("+1555000" + i.ToString(), i), 100 + i);
            }

            for (int i = 0; i < 30; i++)
            {
                harness.ReceiveStored(held, ForgedCopy(SmsVectors.Concat8Part1, i + 1), 200 + i);
            }

            harness.CompleteValidStored(held);
        }

        [TestMethod]
        public void Receive_ForgedCopiesOfEveryPartBeyondBudgetFirst_ValidCompletes()
        {
            var harness = new Harness(null);
            byte[][] valid = new byte[][] { SmsVectors.Concat8Part1, SmsVectors.Concat8Part2, SmsVectors.Concat8Part3 };
            int budget = new SmsReceiverOptions().MaxCombinationsPerArrival;
            int token = 100;
            for (int round = 1; round <= 2 * budget; round++)
            {
                for (int p = 0; p < valid.Length; p++, token++)
                {
                    harness.Receive(ForgedCopy(valid[p], round), token);
                }
            }

            SmsReceiveResult last = null;
            for (int p = valid.Length - 1; p >= 0; p--)
            {
                last = harness.Receive(valid[p], p + 1);
            }

            Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
            Assert.AreEqual(1, harness.Sessions.Count);
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void Receive_ForgedCopyNamingOtherPortFirst_ValidCompletesAndCopyLeftForeign()
        {
            var harness = new Harness(null);
            SmsReceiveResult forged = harness.Receive(OtherPortCopy(SmsVectors.Concat8Part1, 0), 10);
            Assert.AreEqual((int)SmsDisposition.Foreign, (int)forged.Disposition);
            Assert.AreEqual((int)ReasonCode.WrongPort, (int)forged.Reason);
            harness.Receive(SmsVectors.Concat8Part1, 1);
            harness.Receive(SmsVectors.Concat8Part2, 2);
            harness.AssertOneSession(harness.Receive(SmsVectors.Concat8Part3, 3), 3);
        }

        [TestMethod]
        public void Receive_TwentyFiveOtherPortCopiesUnderValidKey_NoneHeldValidCompletesStored()
        {
            var harness = new Harness(null);
            var held = new ArrayList();
            for (int i = 0; i < 25; i++)
            {
                SmsReceiveResult result = harness.Receive(OtherPortCopy(SmsVectors.Concat8Part1, i + 1), 100 + i);
                Assert.AreEqual((int)SmsDisposition.Foreign, (int)result.Disposition);
                Assert.AreEqual(0, harness.Receiver.PendingMessages, "not held for reassembly");
            }

            harness.CompleteValidStored(held);
        }

        [TestMethod]
        public void Receive_FirstPartsDeclaringMorePartsThanBound_OversizedReleasedNothingHeld()
        {
            var harness = new Harness(null);
            for (int i = 0; i < 16; i++)
            {
                byte[] part = (byte[])SmsVectors.Concat8Part1.Clone();
                part[29] = (byte)i; // the reference, then the declared total: 255 parts
                part[30] = 255;
                SmsReceiveResult result = harness.Receive(part, 100 + i);
                Assert.AreEqual((int)SmsDisposition.Processed, (int)result.Disposition);
                Assert.AreEqual((int)ReasonCode.Oversized, (int)result.Reason);
                Assert.AreEqual(1, result.ReleasedTokens.Length);
                Assert.AreEqual(0, harness.Receiver.PendingMessages);
            }

            harness.Receive(SmsVectors.Concat8Part1, 1);
            harness.CompleteValid();
        }

        [TestMethod]
        public void Receive_OldAcceptedTriggerResplitUnderValidKey_ValidCompletesStorageBounded()
        {
            var harness = new Harness(null);
            byte[][] old = Split(LongPush(0x1201), 5);
            for (int p = 0; p < old.Length; p++)
            {
                harness.Receive(old[p], 50 + p);
            }

            Assert.AreEqual(1, harness.Sessions.Count);
            harness.Agent.CompleteSession(SmsVectors.ServerId, 0x1201);
            harness.Clock.Advance(3600000);

            // The old trigger's parts under the new message's sender and reference, each ahead of the genuine part.
            byte[][] replayed = Split(LongPush(0x1201), 9);
            byte[][] valid = Split(LongPush(0x1202), 9);
            Assert.AreEqual(3, valid.Length);
            var held = new ArrayList();
            harness.ReceiveStored(held, replayed[0], 101);
            harness.ReceiveStored(held, replayed[1], 102);
            harness.ReceiveStored(held, valid[0], 1);
            harness.ReceiveStored(held, valid[1], 2);
            SmsReceiveResult refused = harness.ReceiveStored(held, replayed[2], 103);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)refused.Disposition);
            Assert.AreEqual(1, harness.Sessions.Count);

            SmsReceiveResult last = harness.ReceiveStored(held, valid[2], 3);
            Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
            Assert.AreEqual(2, harness.Sessions.Count);
            Assert.AreEqual(0, held.Count, "every slot released");
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void Receive_RefusedOldPartOneCompletesIdenticalGenuineTail_GenuineStillAccepted()
        {
            // Two triggers of one length and vendor bytes differ in part 1 only: the old part 1 completing the genuine
            // parts 2 and 3 is refused, and must not take them with it.
            var harness = new Harness(null);
            Assert.AreEqual((int)ReasonCode.None, (int)ReceiveAll(harness, Split(LongPush(0x1201, 0x55), 5), 50).Reason);
            byte[][] replayed = Split(LongPush(0x1201, 0x55), 9);
            byte[][] valid = Split(LongPush(0x1202, 0x55), 9);
            Assert.IsTrue(TestBytes.RangeEquals(valid[2], replayed[2], 0, valid[2].Length));
            var held = new ArrayList();
            harness.ReceiveStored(held, valid[1], 2);
            harness.ReceiveStored(held, valid[2], 3);
            SmsReceiveResult refused = harness.ReceiveStored(held, replayed[0], 101);
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)refused.Reason);
            Assert.AreEqual((int)SmsDisposition.Pending, (int)refused.Disposition);

            SmsReceiveResult last = harness.ReceiveStored(held, valid[0], 1);
            Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
            Assert.AreEqual(2, harness.Sessions.Count);
            Assert.AreEqual(0, held.Count);
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void Receive_OldTailAndJunkCopiesAheadOfFivePartTrigger_ValidCompletes()
        {
            // Two triggers of one length and vendor bytes differ in part 1 only: the old parts 2 to 5 under the new key,
            // then a forged copy of each, make the genuine parts 2 to 5 byte-identical to held older candidates.
            var harness = new Harness(null);
            Assert.AreEqual((int)ReasonCode.None, (int)ReceiveAll(harness, Split(LongPush(0x1201, 0x55, 600), 5), 50).Reason);
            byte[][] old = Split(LongPush(0x1201, 0x55, 600), 9);
            byte[][] valid = Split(LongPush(0x1202, 0x55, 600), 9);
            Assert.AreEqual(6, valid.Length);
            var held = new ArrayList();
            for (int p = 1; p < 5; p++)
            {
                harness.ReceiveStored(held, old[p], 100 + p);
            }

            for (int p = 1; p < 5; p++)
            {
                harness.ReceiveStored(held, ForgedCopy(old[p], 0x40), 200 + p);
            }

            for (int p = 0; p < valid.Length; p++)
            {
                harness.ReceiveStored(held, valid[p], p);
            }

            Assert.AreEqual(2, harness.Sessions.Count);
            Assert.AreEqual(0, held.Count, "every slot released");
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void Receive_WholeTriggerAgainUnderNewReference_DuplicateHeldUntilTimeout()
        {
            var harness = new Harness(null);
            byte[][] first = Split(LongPush(0x1201), 5);
            byte[][] again = Split(LongPush(0x1201), 6);
            for (int p = 0; p < first.Length; p++)
            {
                harness.Receive(first[p], 10 + p);
            }

            SmsReceiveResult last = null;
            for (int p = 0; p < again.Length; p++)
            {
                last = harness.Receive(again[p], 20 + p);
            }

            // Held like any pending message (its parts might be a newer trigger's), released at the timeout.
            Assert.AreEqual((int)SmsDisposition.Pending, (int)last.Disposition);
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)last.Reason);
            Assert.AreEqual(0, last.ReleasedTokens.Length);
            Assert.AreEqual(1, harness.Sessions.Count);
            Assert.AreEqual(1, harness.Receiver.PendingMessages);
            harness.Clock.Advance(new SmsReceiverOptions().ReassemblyTimeoutMilliseconds);
            Assert.AreEqual(again.Length, harness.Receiver.ExpireStale().Length);
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void Receive_TrustedSenderThreeTriggersInterleaved_AllAccepted()
        {
            var harness = new Harness(null);
            Assert.AreEqual((int)ReasonCode.None, (int)harness.Receive(SmsVectors.AppendixCSingle, 5).Reason);
            byte[][][] triggers = new byte[][][] { Split(LongPush(0x2001), 1), Split(LongPush(0x2002), 2), Split(LongPush(0x2003), 3) };
            for (int p = 0; p < 3; p++)
            {
                for (int t = 0; t < triggers.Length; t++)
                {
                    harness.Receive(triggers[t][p], (10 * t) + p);
                }
            }

            Assert.AreEqual(4, harness.Sessions.Count);
            Assert.AreEqual(0, harness.Receiver.PendingMessages);
        }

        [TestMethod]
        public void Receive_ReplaysFromSpoofedSendersThenFirstParts_ServerTriggerStillAccepted()
        {
            // A captured trigger replayed from four spoofed addresses must not make them trusted: trusted, they would
            // push the server off the list and hold all 16 messages with four first parts each, undisplaceably.
            var harness = new Harness(null);
            byte[] captured = LongPush(0x1301);
            SmsReceiveResult last = ReceiveAll(harness, Split(captured, 1), 10);
            Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
            for (int s = 0; s < 4; s++)
            {
                last = ReceiveAll(harness, Split(captured, 2, "+4470000000" + s.ToString()), 20 + (10 * s));
                Assert.AreEqual((int)ReasonCode.Duplicate, (int)last.Reason);
            }

            for (int s = 0; s < 4; s++)
            {
                for (int m = 0; m < 4; m++)
                {
                    harness.Receive(ForgedFirstPart("+4470000000" + s.ToString(), 100 + m), 100 + (10 * s) + m);
                }
            }

            last = ReceiveAll(harness, Split(LongPush(0x1302), 3), 200);
            Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
            Assert.AreEqual(2, harness.Sessions.Count);
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
            return LongPush(0x1234);
        }

        // The same with another session id (trigger octets 5 and 6), its tail filled with the id's low octet so that
        // every part differs from another session's.
        private static byte[] LongPush(int sessionId)
        {
            return LongPush(sessionId, sessionId & 0xFF);
        }

        // The same with the tail filled with `fill`.
        private static byte[] LongPush(int sessionId, int fill)
        {
            return LongPush(sessionId, fill, 300);
        }

        // The same with a tail of `tail` octets.
        private static byte[] LongPush(int sessionId, int fill, int tail)
        {
            byte[] trigger = new byte[26 + tail];
            System.Array.Copy(SmsVectors.AppendixCWsp, 22, trigger, 0, 26);
            trigger[5] = (byte)(sessionId >> 8);
            trigger[6] = (byte)sessionId;
            for (int i = 26; i < trigger.Length; i++)
            {
                trigger[i] = (byte)fill;
            }

            byte[] digest = new byte[16];
            DigestVerifier.ComputeDigest(SmsVectors.ServerId, SmsVectors.Password, TestBytes.Ascii("appendixC"), trigger, 0, trigger.Length, digest, 0);
            return TestBytes.Concat(TestBytes.Prefix(SmsVectors.AppendixCWsp, 6), digest, trigger);
        }

        // Part 1 of a two-part WAP push (8-bit reference) whose part 2 never comes: 200 payload octets from another sender.
        private static byte[] ForgedFirstPart(string sender, int reference)
        {
            var encoder = new SmsDeliverEncoder();
            encoder.Sender = sender;
            encoder.Reference = reference & 0xFF;
            byte[] payload = new byte[200];
            return encoder.Encode(payload, 0, payload.Length)[0];
        }

        // A part with the sender, reference and part number of `part` but another last octet (digest or trigger body).
        private static byte[] ForgedCopy(byte[] part, int variant)
        {
            byte[] forged = (byte[])part.Clone();
            forged[forged.Length - 1] ^= (byte)variant;
            return forged;
        }

        // A push in 8-bit concatenated parts from SmsVectors' sender under `reference`.
        private static byte[][] Split(byte[] push, int reference)
        {
            var encoder = new SmsDeliverEncoder();
            encoder.Reference = reference;
            return encoder.Encode(push, 0, push.Length);
        }

        // A push in 8-bit concatenated parts from another sender under `reference`.
        private static byte[][] Split(byte[] push, int reference, string sender)
        {
            var encoder = new SmsDeliverEncoder();
            encoder.Reference = reference;
            encoder.Sender = sender;
            return encoder.Encode(push, 0, push.Length);
        }

        // Every part in order, stored under consecutive tokens from `firstToken`; the last part's result.
        private static SmsReceiveResult ReceiveAll(Harness harness, byte[][] parts, int firstToken)
        {
            SmsReceiveResult last = null;
            for (int p = 0; p < parts.Length; p++)
            {
                last = harness.Receive(parts[p], firstToken + p);
            }

            return last;
        }

        // A copy of `part` whose port element names destination port 9200 instead of 2948, last octet changed by `variant`.
        private static byte[] OtherPortCopy(byte[] part, int variant)
        {
            byte[] forged = ForgedCopy(part, variant);
            forged[23] = 0x23; // TP-UDL at 19, UDHL at 20, IE 0x05 and its length, then the destination port
            forged[24] = 0xF0;
            return forged;
        }

        // The agent and receiver under test, with the account of SmsVectors, a manual clock and recorded events.
        private sealed class Harness
        {
            public readonly ManualClock Clock = new ManualClock();
            public readonly ArrayList Sessions = new ArrayList();
            public readonly ArrayList Rejections = new ArrayList();
            public readonly NotificationAgent Agent;
            public readonly SmsNotificationReceiver Receiver;

            public Harness(SmsReceiverOptions options)
            {
                var accounts = new AccountTable();
                accounts.AddOrReplace(new ServerAccount(SmsVectors.ServerId, SmsVectors.Password, SmsVectors.NonceBase64, ResyncPolicy.Off));
                var agent = new NotificationAgent(accounts, Clock, null);
                agent.SessionRequested += (sender, request) => Sessions.Add(request);
                agent.Rejected += (sender, rejection) => Rejections.Add(Copy(rejection));
                Agent = agent;
                Receiver = new SmsNotificationReceiver(agent, Clock, options);
            }

            public SmsReceiveResult Receive(byte[] pdu, object token)
            {
                return Receiver.Receive(pdu, 0, pdu.Length, token);
            }

            // Parts 2 and 3 of the valid message (part 1 held): accepted, all three slots released.
            public void CompleteValid()
            {
                Receive(SmsVectors.Concat8Part2, 2);
                SmsReceiveResult last = Receive(SmsVectors.Concat8Part3, 3);
                Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
                Assert.AreEqual(3, last.ReleasedTokens.Length);
                Assert.AreEqual(1, Sessions.Count);
            }

            // Receives a stored message and tracks the slots still occupied, which stay within the bound.
            public SmsReceiveResult ReceiveStored(ArrayList held, byte[] pdu, int token)
            {
                SmsReceiveResult result = Receive(pdu, token);
                Track(held, result, token);
                Assert.IsTrue(held.Count <= new SmsReceiverOptions().MaxStoredParts, "stored " + held.Count.ToString());
                return result;
            }

            // The three valid parts, stored: accepted, their slots released, the storage bound kept throughout.
            public void CompleteValidStored(ArrayList held)
            {
                ReceiveStored(held, SmsVectors.Concat8Part1, 1);
                ReceiveStored(held, SmsVectors.Concat8Part2, 2);
                Assert.AreEqual((int)ReasonCode.None, (int)ReceiveStored(held, SmsVectors.Concat8Part3, 3).Reason);
                Assert.AreEqual(1, Sessions.Count);
                Assert.IsFalse(held.Contains(1) || held.Contains(2) || held.Contains(3));
            }

            // The storage slots still occupied: the new one, less every slot the result released.
            public void Track(ArrayList held, SmsReceiveResult result, int token)
            {
                held.Add(token);
                for (int i = 0; i < result.ReleasedTokens.Length; i++)
                {
                    held.Remove(result.ReleasedTokens[i]);
                }
            }

            // The last part completed one accepted message: processed, every stored part released, nothing left pending.
            public void AssertOneSession(SmsReceiveResult last, int storedParts)
            {
                Assert.AreEqual((int)SmsDisposition.Processed, (int)last.Disposition);
                Assert.AreEqual((int)ReasonCode.None, (int)last.Reason);
                Assert.AreEqual(storedParts, last.ReleasedTokens.Length);
                Assert.AreEqual(1, Sessions.Count);
                Assert.AreEqual(0, Receiver.PendingMessages);
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
