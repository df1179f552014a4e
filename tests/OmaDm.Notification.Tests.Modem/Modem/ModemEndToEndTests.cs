using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Modem.Sms;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.Sms;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>
    /// The whole SMS path end to end: package #0 (OMA-TS-DM_Notification Appendix C, SmsVectors) as one SMS or three out-of-order
    /// parts, announced by +CMTI, by +CMT, or stored before start-up, goes scripted modem → AT channel → SMS driver →
    /// SmsNotificationReceiver → NotificationAgent and fires exactly one session; storage then holds exactly the foreign SMS.
    /// </summary>
    [TestClass]
    public class ModemEndToEndTests
    {
        // Computed, not static readonly: nanoCLR runs every static initialiser at start-up in type-name order, so an
        // initialiser that read SmsVectors (sorted after this type) saw null and the six tests crashed the runtime.
        private static string Single => Hex.ToHex(SmsVectors.AppendixCSingle, 0, SmsVectors.AppendixCSingle.Length);
        private static string Part1 => Hex.ToHex(SmsVectors.Concat8Part1, 0, SmsVectors.Concat8Part1.Length);
        private static string Part2 => Hex.ToHex(SmsVectors.Concat8Part2, 0, SmsVectors.Concat8Part2.Length);
        private static string Part3 => Hex.ToHex(SmsVectors.Concat8Part3, 0, SmsVectors.Concat8Part3.Length);
        private static string Text => Hex.ToHex(SmsVectors.TextSevenBit, 0, SmsVectors.TextSevenBit.Length);
        private static string OtherPort => Hex.ToHex(SmsVectors.WrongPort, 0, SmsVectors.WrongPort.Length);

        private sealed class Pipeline
        {
            public readonly ArrayList Sessions = new ArrayList();
            public ScriptedModem Modem;
            public AtChannel Channel;
            public SmsModemDriver Driver;
            public SteppedModem Steps;

            public Pipeline(ScriptedModem modem, ModemProfile profile)
            {
                Steps = new SteppedModem(modem);
                ManualClock clock = Steps.Clock;
                var accounts = new AccountTable();
                accounts.AddOrReplace(new ServerAccount(SmsVectors.ServerId, SmsVectors.Password, SmsVectors.NonceBase64, ResyncPolicy.Off));
                var agent = new NotificationAgent(accounts, clock, null);
                agent.SessionRequested += (sender, request) =>
                {
                    lock (Sessions)
                    {
                        Sessions.Add(request);
                    }
                };
                var receiver = new SmsNotificationReceiver(agent, clock, null);
                Modem = modem;
                Channel = Steps.Channel;
                Driver = new SmsModemDriver(Channel, ModemTestPeers.Fast(profile), new SmsReceiverSink(receiver), clock, ModemTestPeers.FastOptions());
                Steps.Loop.Add(Driver);
                Assert.IsTrue(Steps.Until(() => Driver.IsReady && Modem.CountCommand("AT+CPMS?") > 0, 5000), "set-up and sweep");
            }

            public int SessionCount
            {
                get
                {
                    lock (Sessions)
                    {
                        return Sessions.Count;
                    }
                }
            }

            public void AssertOneSessionAndOnlyForeignLeft()
            {
                Assert.IsTrue(Steps.Until(() => SessionCount == 1 && Modem.StoredCount == 2, 5000), "session and storage " + Modem.DialogueText());
                var request = (SessionRequest)Sessions[0];
                Assert.AreEqual(SmsVectors.ServerId, request.ServerId);
                Assert.AreEqual("1234", request.SessionId);
                Assert.AreEqual((int)Bearer.Sms, (int)request.Bearer);
                Assert.AreEqual(SmsVectors.Sender, request.Source);
                Assert.IsTrue(Modem.Holds(Text));
                Assert.IsTrue(Modem.Holds(OtherPort));
                Steps.Run(1000); // no second session from a late pass
                Steps.Dispose();
                Assert.AreEqual(1, SessionCount);
            }
        }

        [TestMethod]
        public void Single_AnnouncedByCmti_OneSessionForeignKept()
        {
            var pipeline = new Pipeline(WithForeign(new ScriptedModem(10)), new Sim800Profile());
            pipeline.Modem.Receive(Single);
            pipeline.AssertOneSessionAndOnlyForeignLeft();
        }

        [TestMethod]
        public void ThreePartsOutOfOrder_AnnouncedByCmti_OneSessionForeignKept()
        {
            var pipeline = new Pipeline(WithForeign(new ScriptedModem(10)), new QuectelBg9xProfile());
            pipeline.Modem.Receive(Part3);
            pipeline.Modem.Receive(Part1);
            pipeline.Modem.Receive(Part2);
            pipeline.AssertOneSessionAndOnlyForeignLeft();
        }

        [TestMethod]
        public void Single_StoredBeforeStartupAndAnnouncedAgain_OneSession()
        {
            ScriptedModem modem = WithForeign(new ScriptedModem(10));
            int index = modem.Store(Single);
            modem.InjectInsideNextResponse("AT+CMGL", "+CMTI: \"SM\"," + index);
            var pipeline = new Pipeline(modem, new Sim7600Profile());
            pipeline.AssertOneSessionAndOnlyForeignLeft();
        }

        [TestMethod]
        public void ThreePartsOutOfOrder_StoredBeforeStartup_OneSessionForeignKept()
        {
            ScriptedModem modem = WithForeign(new ScriptedModem(10));
            modem.Store(Part2);
            modem.Store(Part3);
            modem.Store(Part1);
            var pipeline = new Pipeline(modem, new QuectelEg91Profile());
            pipeline.AssertOneSessionAndOnlyForeignLeft();
        }

        [TestMethod]
        public void Single_DirectDeliveryCmt_OneSessionAcknowledged()
        {
            ModemProfile profile = new Sim7600Profile();
            profile.UseDirectDelivery = true;
            var pipeline = new Pipeline(WithForeign(new ScriptedModem(10)), profile);
            pipeline.Modem.Receive(Single);
            Assert.IsTrue(pipeline.Steps.Until(() => pipeline.Modem.CountCommand("AT+CNMA") == 1, 5000), "ack");
            pipeline.AssertOneSessionAndOnlyForeignLeft();
        }

        [TestMethod]
        public void ThreePartsOutOfOrder_DirectDeliveryCmt_OneSession()
        {
            ModemProfile profile = new QuectelBg9xProfile();
            profile.UseDirectDelivery = true;
            var pipeline = new Pipeline(WithForeign(new ScriptedModem(10)), profile);
            pipeline.Modem.Receive(Part2);
            pipeline.Modem.Receive(Part3);
            pipeline.Modem.Receive(Part1);
            Assert.IsTrue(pipeline.Steps.Until(() => pipeline.Modem.CountCommand("AT+CNMA") == 3, 5000), "acks");
            pipeline.AssertOneSessionAndOnlyForeignLeft();
        }

        [TestMethod]
        public void ThreeParts_AfterThirtyConflictingCopiesOfOnePart_StoredAndOneSession()
        {
            // One forger, one sender and reference, 30 different part-1 copies: each once pinned a slot until the timeout.
            // Only the first and the newest copy stay stored.
            var pipeline = new SteppedPipeline(WithForeign(new ScriptedModem(10)));
            for (int i = 0; i < 30; i++)
            {
                pipeline.ReceiveAndSettle(ForgedPart1(0, i));
                Assert.IsTrue(pipeline.Modem.StoredCount <= 2 + 2, "copy " + i.ToString());
            }

            pipeline.AssertGenuineAccepted(2);
        }

        [TestMethod]
        public void ThreeParts_AfterFirstPartsFromThirtySenders_StoredAndOneSession()
        {
            var pipeline = new SteppedPipeline(WithForeign(new ScriptedModem(10)));
            int bound = new SmsReceiverOptions().MaxStoredParts;
            for (int i = 0; i < 30; i++)
            {
                pipeline.ReceiveAndSettle(ForgedPart1(i + 1, 0));
                Assert.IsTrue(pipeline.Modem.StoredCount <= 2 + bound, "sender " + i.ToString());
            }

            pipeline.AssertGenuineAccepted(bound);
        }

        [TestMethod]
        public void ThreeParts_AfterThirtySendersAndThirtyForgedCopies_StoredAndOneSession()
        {
            var pipeline = new SteppedPipeline(WithForeign(new ScriptedModem(30)));
            int bound = new SmsReceiverOptions().MaxStoredParts;
            for (int i = 0; i < 30; i++)
            {
                pipeline.ReceiveAndSettle(ForgedPart1(i + 11, 0));
                Assert.IsTrue(pipeline.Modem.StoredCount <= 2 + bound, "sender " + i.ToString());
            }

            for (int i = 0; i < 30; i++)
            {
                // The genuine sender and reference, another last digest octet each time.
                byte[] pdu = (byte[])SmsVectors.Concat8Part1.Clone();
                pdu[pdu.Length - 1] = (byte)(0x80 + i);
                pipeline.ReceiveAndSettle(Hex.ToHex(pdu, 0, pdu.Length));
                Assert.IsTrue(pipeline.Modem.StoredCount <= 2 + bound, "copy " + i.ToString());
            }

            pipeline.AssertGenuineAccepted(bound);
        }

        // Part 1 of a WAP push (port 2948) from sender +1555555xx00 (xx from senderId), reference 7, payload octet varied:
        // Concat8Part1's layout, so only the sender digits, reference and first payload octet differ.
        private static string ForgedPart1(int senderId, int variant)
        {
            byte[] pdu = (byte[])SmsVectors.Concat8Part1.Clone();
            pdu[7] = (byte)(((senderId % 10) << 4) | ((senderId / 10) % 10));
            pdu[29] = 7;
            pdu[32] = (byte)variant;
            return Hex.ToHex(pdu, 0, pdu.Length);
        }

        // The same pipeline stepped on simulated time (no threads), so a flood is handled message by message.
        private sealed class SteppedPipeline
        {
            public readonly ArrayList Sessions = new ArrayList();
            public readonly ScriptedModem Modem;
            public readonly SteppedModem Steps;

            public SteppedPipeline(ScriptedModem modem)
            {
                Modem = modem;
                Steps = new SteppedModem(modem);
                var accounts = new AccountTable();
                accounts.AddOrReplace(new ServerAccount(SmsVectors.ServerId, SmsVectors.Password, SmsVectors.NonceBase64, ResyncPolicy.Off));
                var agent = new NotificationAgent(accounts, Steps.Clock, null);
                agent.SessionRequested += (sender, request) => Sessions.Add(request);
                var receiver = new SmsNotificationReceiver(agent, Steps.Clock, null);
                var driver = new SmsModemDriver(Steps.Channel, ModemTestPeers.Fast(new Sim800Profile()), new SmsReceiverSink(receiver), Steps.Clock, ModemTestPeers.FastOptions());
                Steps.Loop.Add(driver);
                Assert.IsTrue(Steps.Until(() => driver.IsReady && modem.CountCommand("AT+CPMS?") > 0, 5000), "set-up and sweep");
            }

            // A message arrives and the driver reads it and deletes what it may before the next one.
            public void ReceiveAndSettle(string pduHex)
            {
                int checks = Modem.CountCommand("AT+CPMS?");
                Modem.Receive(pduHex);
                Assert.IsTrue(Steps.Until(() => Modem.CountCommand("AT+CPMS?") > checks, 5000), "read");
            }

            // The genuine trigger in three parts is stored and accepted; afterwards only the foreign SMS and at most
            // `forgedStored` forged parts are left in storage.
            public void AssertGenuineAccepted(int forgedStored)
            {
                ReceiveAndSettle(Part1);
                ReceiveAndSettle(Part2);
                ReceiveAndSettle(Part3);
                Assert.AreEqual(1, Sessions.Count, Modem.DialogueText());
                Assert.AreEqual("1234", ((SessionRequest)Sessions[0]).SessionId);
                Assert.IsTrue(Modem.StoredCount <= 2 + forgedStored, "stored " + Modem.StoredCount.ToString());
                Assert.IsTrue(Modem.Holds(Text));
                Assert.IsTrue(Modem.Holds(OtherPort));
                Steps.Dispose();
            }
        }

        private static ScriptedModem WithForeign(ScriptedModem modem)
        {
            modem.Store(Text);
            modem.Store(OtherPort);
            return modem;
        }
    }
}
