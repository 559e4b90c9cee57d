using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>The domain stories end to end, on the simulated clock and a real database (SQLite and PostgreSQL).</summary>
public abstract class WorkflowScenarioTests(string provider)
{
    private static readonly DateTime Jan2026 = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Councils = ["0377", "0392", "0397", "0473", "0375", "0396", "0453"];

    [Fact]
    public void Tender_FromPreparationToThePartnershipsItStarts()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var reference = h.Tender("ZKIJ-2026-01");
        var id = h.Start("dialooggerichte-aanbesteding", reference);
        Assert.Equal(TenderPhase.Preparation, h.TenderRecord(reference).Phase);

        // The frame: each council once, a CBS code of the tender's regions; nothing else counts.
        Assert.Contains("0 van de 7 raden", h.Refused(id, "aankondigen", "contractmanager").Reasons.Single());
        foreach (var council in Councils[..6]) h.Fire(id, "kader-vastgesteld", "contractmanager", ("gemeente", council));
        Assert.Contains("al vastgesteld", h.Refused(id, "kader-vastgesteld", "contractmanager", ("gemeente", "0392")).Reasons.Single());
        Assert.Contains("CBS-code", h.Refused(id, "kader-vastgesteld", "contractmanager", ("gemeente", "Haarlem")).Reasons.Single());
        Assert.Equal(6, h.TenderRecord(reference).Adoptions.Count);
        Assert.Contains("nog niet door Velsen", h.Refused(id, "aankondigen", "contractmanager").Reasons.Single());
        h.Fire(id, "kader-vastgesteld", "contractmanager", ("gemeente", "0453"), ("datum", "2026-01-02"));
        Assert.Equal(new DateOnly(2026, 1, 2), h.TenderRecord(reference).Adoptions.Single(a => a.MunicipalityCode == "0453").AdoptedOn);
        h.Fire(id, "aankondigen", "contractmanager");
        Assert.Equal(TenderPhase.Announced, h.TenderRecord(reference).Phase);
        h.Fire(id, "selectie-openen", "contractmanager");

        // Candidates: admitted once each, only providers that exist.
        h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000088"));
        Assert.Contains("al toegelaten", h.Refused(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000088")).Reasons.Single());
        Assert.Contains("geen aanbieder met AGB-code 99999999", h.Refused(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "99999999")).Reasons.Single());
        h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000011"));
        h.Fire(id, "kandidaat-afwijzen", "contractmanager", ("aanbieder", "71000099"), ("reden", "Geen ervaring met jeugdreclassering"));
        var tooFew = h.Refused(id, "dialoog-starten", "contractmanager");
        // The minimum is a norm judged by the procurement rule set (Aanbestedingswet 2012 art. 2.32).
        Assert.Contains("heeft 2 toegelaten gegadigden; voor de dialoog zijn er ten minste 3 nodig", tooFew.Reasons.Single());
        Assert.Equal(TenderPhase.Selection, h.TenderRecord(reference).Phase);
        h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000022"));
        var selected = h.TenderRecord(reference);
        Assert.Equal((4, 3), (selected.Candidates.Count, selected.AdmittedCandidates));
        Assert.Equal("Geen ervaring met jeugdreclassering", selected.Candidates.Single(c => !c.Admitted).RefusalReason);

        h.Fire(id, "dialoog-starten", "contractmanager");
        Assert.Equal(3, h.TenderRecord(reference).Candidates.Count(c => c.InDialogue));
        Assert.Contains("Jeugdigen en ouders", h.Refused(id, "ronde-afronden", "contractmanager", ("thema", "Wachtlijsten"), ("jeugdigen-en-ouders", "nee")).Reasons.Single());
        Assert.Contains("subject.rondes = 0", h.Refused(id, "dialoog-afsluiten", "contractmanager").Reasons.Single());
        foreach (var (theme, n) in new[] { ("Wachtlijsten", 1), ("Acceptatieplicht", 2), ("Bekostiging", 3) })
        {
            h.Advance("14d");
            h.Fire(id, "ronde-afronden", "contractmanager", ("thema", theme), ("jeugdigen-en-ouders", "ja"), ("afspraken", $"Afspraak {n}"),
                ("verslag", $"In ronde {n} ging het over {theme}."), ("deelnemers", n == 2 ? "71000088,71000011" : ""));
            Assert.Equal(n, h.TenderRecord(reference).Rounds.Count);
        }
        var rounds = h.TenderRecord(reference).Rounds.OrderBy(r => r.Number).ToList();
        Assert.Equal([3, 2, 3], rounds.Select(r => r.ProvidersPresent));
        Assert.Equal(new DateOnly(2026, 1, 19), rounds[0].HeldOn);
        // Each round's minutes are its own.
        var minutes = h.DocumentsOf(id).Where(d => d.TemplateId == "dialoogronde-verslag").ToList();
        Assert.Equal(3, minutes.Count);
        Assert.Contains("In ronde 1 ging het over Wachtlijsten.", minutes[0].Html);
        Assert.Contains("In ronde 3 ging het over Bekostiging.", minutes[2].Html);
        Assert.DoesNotContain("Wachtlijsten.", minutes[2].Html);
        Assert.DoesNotContain("nog geen dialoogronde", minutes[1].Html);
        h.Fire(id, "dialoog-afsluiten", "contractmanager");

        // Bids: only from the dialogue, an amount in euros per year.
        h.Fire(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "71000088"), ("bedrag", "4.350.000"));
        h.Fire(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "71000011"), ("bedrag", "4.100.000,00"));
        Assert.Contains("nam niet deel aan de dialoog", h.Refused(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "71000099"), ("bedrag", "3.900.000")).Reasons.Single());
        Assert.Contains("geen aanbieder", h.Refused(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "12345678"), ("bedrag", "1.000")).Reasons.Single());
        Assert.Contains("bedrag in euro", h.Refused(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "71000022"), ("bedrag", "veel")).Reasons.Single());
        Assert.Equal([4_350_000_00L, 4_100_000_00L], h.TenderRecord(reference).Bids.OrderBy(b => b.Id).Select(b => b.AmountCents));
        h.Fire(id, "inschrijving-sluiten", "contractmanager");

        // Assessment: a score per criterion, then a proposal per lot.
        Assert.Contains("niet elke inschrijving is beoordeeld", h.Refused(id, "beoordeling-afronden", "kernteam").Reasons.Single());
        h.Fire(id, "inschrijving-beoordelen", "kernteam", ("aanbieder", "71000088"), ("scores", "kwaliteit=8,prijs=7,samenwerking=8"));
        Assert.Contains("elk gunningscriterium", h.Refused(id, "inschrijving-beoordelen", "kernteam", ("aanbieder", "71000011"), ("scores", "kwaliteit=7")).Reasons.Single());
        h.Fire(id, "inschrijving-beoordelen", "kernteam", ("aanbieder", "71000011"), ("scores", "kwaliteit=7,prijs=8,samenwerking=6"));
        h.Fire(id, "beoordeling-afronden", "kernteam");
        var proposed = h.TenderRecord(reference);
        Assert.Equal(TenderPhase.IntendedAward, proposed.Phase);
        Assert.Equal(4_350_000_00L, proposed.Bids.Single(b => b.Proposed).AmountCents);

        // The PHO decides, as a decision on record with each alderman's approval.
        Assert.Contains(h.Refused(id, "gunning-voornemen-besluiten", "kernteam").Reasons, r => r.Contains("PHO", StringComparison.Ordinal));
        h.Fire(id, "gunning-voornemen-besluiten", "wethouder.zk");
        Assert.Null(h.TenderRecord(reference).IntendedAwardOn);
        h.Fire(id, "gunning-voornemen-besluiten", "wethouder.ijmond");
        var decided = h.TenderRecord(reference);
        var decision = h.DecisionRecord(decided.AwardDecisionReference!);
        Assert.Equal((DecisionStatus.Decided, 2), (decision.Status, decision.Approvals.Count));
        Assert.Equal(new DateOnly(2026, 2, 16), decided.IntendedAwardOn);
        Assert.Null(decided.AwardDecisionSentOn);
        Assert.Equal("gunningsbeslissing", h.Show(id).State);

        // Sent a day later: the standstill runs from the day after sending, 20 calendar days.
        h.Advance("1d");
        h.Fire(id, "gunningsbeslissing-verzonden", "contractmanager");
        Assert.Equal((TenderPhase.Standstill, new DateOnly(2026, 2, 17)), (h.TenderRecord(reference).Phase, h.TenderRecord(reference).AwardDecisionSentOn));
        var letter = Assert.Single(h.DocumentsOf(id), d => d.TemplateId == "gunningsbeslissing");
        Assert.Matches(@"eindigt op\s+9 maart 2026", letter.Html);
        Assert.Contains("niet vóór 10 maart 2026", letter.Html);
        Assert.Contains("op 17 februari 2026 aan alle inschrijvers verzonden", letter.Html);
        Assert.Contains("Jeugdbescherming Noord-Holland", letter.Html);
        Assert.Contains("Kennemer Jeugd &amp; GGZ", letter.Html); // every bid, with its scores
        Assert.Contains("kwaliteit 8, prijs 7, samenwerking 8", letter.Html);
        Assert.Contains("7,7", letter.Html);

        h.Advance("20d");
        var tooSoon = h.Refused(id, "gunnen", "contractmanager", ("ingangsdatum", "2027-01-01"));
        Assert.Contains("niet op 9 maart 2026 (dag 20 na verzending)", tooSoon.Reasons.Single());
        Assert.Empty(h.AgreementsOf(reference));
        var fired = h.Advance("1d");
        Assert.Contains(fired, f => f.Trigger == "standstill-verstreken");
        Assert.Equal("te-gunnen", h.Show(id).State);
        Assert.Contains("niet vóór de gunning", h.Refused(id, "gunnen", "contractmanager", ("ingangsdatum", "2026-01-01")).Reasons.Single());
        h.Fire(id, "gunnen", "contractmanager", ("ingangsdatum", "2027-01-01"));

        // The award creates the agreement from the bid; withdrawing is no longer possible.
        var agreement = Assert.Single(h.AgreementsOf(reference));
        Assert.Equal(("JB-JR", new DateOnly(2027, 1, 1), new DateOnly(2035, 12, 31), true), (agreement.LotCode, agreement.Start, agreement.End, agreement.StrategicPartner));
        Assert.Equal(9, agreement.Ceilings.Count);
        Assert.All(agreement.Ceilings, c => Assert.Equal(4_350_000_00L, c.AmountCents));
        Assert.Null(agreement.SignedOn);
        Assert.Contains("kan niet vanuit status 'Gegund'", h.Refused(id, "intrekken", "contractmanager", ("reden", "te laat")).Reasons.Single());
        h.Fire(id, "ondertekenen", "contractmanager");

        var done = h.Show(id);
        Assert.Equal(("ondertekend", true), (done.State, done.Completed));
        Assert.Equal(TenderPhase.Contracted, h.TenderRecord(reference).Phase);
        Assert.Equal(new DateOnly(2026, 3, 10), Assert.Single(h.AgreementsOf(reference)).SignedOn);
        // Signing starts one partnership per agreement, its dates from the agreement.
        using (var db = h.Read())
        {
            var partnership = db.Set<WorkflowInstance>().AsNoTracking().Single(i => i.ParentId == id);
            Assert.Equal(("strategisch-partnerschap", agreement.Reference, "looptijd-1"), (partnership.DefinitionId, partnership.SubjectKey, partnership.State));
            var evaluation = db.Set<WorkflowTimer>().AsNoTracking().Single(t => t.InstanceId == partnership.Id && t.Trigger == "evaluatie-1-starten");
            Assert.Equal(WorkCalendar.StartOf(new DateOnly(2030, 1, 1)), evaluation.DueAt);
        }
        // No second workflow on a tender past its preparation: it would reset its phase.
        Assert.Contains("voorbij de voorbereiding", Assert.Throws<DomainException>(() => h.Start("dialooggerichte-aanbesteding", reference)).Message);
        Assert.True(h.AuditChainIntact());
    }

    [Fact]
    public void Tender_WithdrawnBeforeAward_AndAStepRefusedByTheAggregateChangesNothing()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var reference = h.Tender("ZKIJ-2026-09");
        var id = h.Start("dialooggerichte-aanbesteding", reference);
        h.Fire(id, "kader-vastgesteld", "contractmanager", ("gemeente", "0392"));
        var before = h.Show(id).History.Count;
        h.Refused(id, "kader-vastgesteld", "contractmanager", ("gemeente", "0392"));
        Assert.Equal(before, h.Show(id).History.Count);
        Assert.Single(h.TenderRecord(reference).Adoptions);
        h.Fire(id, "intrekken", "contractmanager", ("reden", "Het kader wordt herzien"));
        var withdrawn = h.TenderRecord(reference);
        Assert.Equal((TenderPhase.Withdrawn, "Het kader wordt herzien"), (withdrawn.Phase, withdrawn.WithdrawalReason));
        Assert.True(h.Show(id).Completed);
    }

    [Fact]
    public void Partnership_NineYears_MeetingsRecordedByAPerson_EvaluationsDecided_OneAmendsTheCeilings()
    {
        using var h = new WorkflowHarness(provider, new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var agreement = h.Agreement("SO-0011-AMB-OV", new DateOnly(2023, 1, 1));
        var id = h.Start("strategisch-partnerschap", agreement);

        // A timer only plans the meeting: a task for the contract manager, with a term.
        h.Advance("4m");
        var planning = Assert.Single(h.Show(id).Tasks);
        Assert.Contains("Bestuurlijk overleg", planning.Title);
        Assert.NotNull(planning.DueAt);
        using (var db = h.Read()) Assert.Empty(db.PartnerMeetings);
        var future = h.Refused(id, "overleg-vastleggen", "contractmanager", ("datum", "2023-06-01"), ("deelnemers", "Wethouders, bestuurder"), ("verslag", "x"));
        Assert.Contains("in de toekomst", future.Reasons.Single());
        h.Fire(id, "overleg-vastleggen", "contractmanager", ("datum", "2023-04-20"), ("deelnemers", "Wethouders ZK en IJmond, bestuurder"),
            ("verslag", "Wachttijden en omzet besproken."));
        Assert.Empty(h.Show(id).Tasks);
        h.Advance("4m");
        h.Fire(id, "overleg-vastleggen", "contractmanager", ("datum", "2023-08-31"), ("deelnemers", "Wethouders, bestuurder"), ("verslag", "Plafonds besproken."));
        h.Advance("4m"); // the third planned meeting of 2023 is not held
        using (var db = h.Read())
        {
            var meetings = db.PartnerMeetings.AsNoTracking().ToList();
            Assert.Equal([new DateOnly(2023, 4, 20), new DateOnly(2023, 8, 31)], meetings.Select(m => m.HeldOn).Order());
            Assert.All(meetings, m => Assert.Equal("contractmanager", m.RecordedBy));
        }
        var finding = Assert.Single(h.Check("bestuur.drie-overleggen"));
        Assert.Equal(("71000011", new DateOnly(2023, 1, 1)), (finding.SubjectKey, finding.PeriodStart));
        Assert.Contains("in 2023 2 keer bestuurlijk overleg", finding.Explanation);

        h.Advance("2y");
        var first = Child(h, id, "SO-0011-AMB-OV/evaluatie-3j");
        // A date timer falls due as the day starts in the Netherlands.
        Assert.Equal(WorkCalendar.StartOf(new DateOnly(2026, 1, 1)), first.StartedAt);
        Assert.Equal("evaluatie-1", h.Show(id).State);
        var opened = h.EvaluationRecord("SO-0011-AMB-OV/evaluatie-3j");
        Assert.Equal((1, 3, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), (EvaluationOutcome?)null, (EvaluationOutcome?)null),
            (opened.Round, opened.AfterYears, opened.Due, opened.StartedOn, opened.Proposed, opened.Outcome));
        var notAChoice = Evaluate(h, first.Id, "doorgaan");
        Assert.Contains("kies voortzetten, bijstellen of beeindigen", notAChoice!.Reasons.Single());
        Assert.Contains("nieuwe omzetplafond", Evaluate(h, first.Id, "bijstellen")!.Reasons.Single());
        var waiting = h.EvaluationRecord("SO-0011-AMB-OV/evaluatie-3j");
        Assert.Equal((new DateOnly(2026, 1, 1), "Akkoord met de bevindingen", (EvaluationOutcome?)null), (waiting.DialogueHeldOn, waiting.PartnerResponse, waiting.Proposed));
        Assert.Null(Evaluate(h, first.Id, "bijstellen", ("plafond", "1.250.000,00"), ("per", "2026-07-01")));
        Assert.Equal("looptijd-2", h.Show(id).State);
        var amended = h.EvaluationRecord("SO-0011-AMB-OV/evaluatie-3j");
        Assert.Equal((EvaluationOutcome.Amend, EvaluationOutcome.Amend, 1_250_000_00L, new DateOnly(2026, 7, 1), "SO-0011-AMB-OV/evaluatie-3j", new DateOnly(2026, 1, 1)),
            (amended.Proposed, amended.Outcome, amended.NewCeilingCents, amended.EffectiveOn, amended.DecisionReference, amended.DecidedOn));
        var report = h.DocumentsOf(first.Id).Last(d => d.TemplateId == "evaluatierapport");
        Assert.Contains("omzetplafond van € 1.250.000 per jaar vanaf 1 juli 2026", report.Html);
        using (var db = h.Read())
        {
            var record = db.Agreements.AsNoTracking().Include(a => a.Ceilings).Include(a => a.Amendments).Single(a => a.Reference == agreement);
            Assert.Equal(1_000_000_00L, record.CeilingFor(2025));
            Assert.Equal(1_250_000_00L, record.CeilingFor(2026));
            Assert.Equal(1_250_000_00L, record.CeilingFor(2031));
            var amendment = Assert.Single(record.Amendments);
            Assert.Equal((new DateOnly(2026, 7, 1), "SO-0011-AMB-OV/evaluatie-3j"), (amendment.EffectiveFrom, amendment.DecisionReference));
        }
        var decision = h.DecisionRecord("SO-0011-AMB-OV/evaluatie-3j");
        Assert.Equal((DecisionStatus.Decided, 2, true), (decision.Status, decision.Approvals.Count, decision.CouncilsInformedOn is not null));
        Assert.Contains("Bijstellen: omzetplafond € 1.250.000 per jaar vanaf 1 juli 2026", decision.Proposal);

        h.Advance("3y");
        var second = Child(h, id, "SO-0011-AMB-OV/evaluatie-6j");
        Assert.Equal(WorkCalendar.StartOf(new DateOnly(2029, 1, 1)), second.StartedAt);
        Assert.Null(Evaluate(h, second.Id, "voortzetten"));
        Assert.Equal("looptijd-3", h.Show(id).State);
        Assert.Equal(DecisionStatus.Decided, h.DecisionRecord("SO-0011-AMB-OV/evaluatie-6j").Status);
        var continued = h.EvaluationRecord("SO-0011-AMB-OV/evaluatie-6j");
        Assert.Equal((2, 6, EvaluationOutcome.Continue, (long?)null), (continued.Round, continued.AfterYears, continued.Outcome, continued.NewCeilingCents));
        Assert.Single(h.AgreementRecord(agreement).Amendments);

        h.Advance("3y");
        var end = h.Show(id);
        Assert.Equal(("afgelopen", true), (end.State, end.Completed));
        Assert.Empty(end.Timers);
        Assert.Empty(h.Check("bestuur.evaluatie-op-tijd"));
        Assert.True(h.AuditChainIntact());
    }

    [Fact]
    public void Partnership_MeetingsArePlannedPerPartner_NotPerAgreement()
    {
        using var h = new WorkflowHarness(provider, new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var first = h.Start("strategisch-partnerschap", h.Agreement("SO-0011-AMB-OV", new DateOnly(2023, 1, 1)));
        var second = h.Start("strategisch-partnerschap", h.Agreement("SO-0011-VB-OV", new DateOnly(2023, 1, 1), lot: "VB-OV"));
        var other = h.Start("strategisch-partnerschap", h.Agreement("SO-0022-VB-OV", new DateOnly(2023, 1, 1), "71000022", "VB-OV"));
        h.Advance("4m");
        // One task for the partner with two agreements, one for the other partner.
        Assert.Equal(1, h.Show(first).Tasks.Count + h.Show(second).Tasks.Count);
        Assert.Single(h.Show(other).Tasks);
        // Recording the meeting in either partnership answers it for the partner.
        var holder = h.Show(first).Tasks.Count == 1 ? second : first;
        h.Fire(holder, "overleg-vastleggen", "contractmanager", ("datum", "2023-04-20"), ("deelnemers", "Wethouders, bestuurder"), ("verslag", "Voortgang besproken."));
        Assert.Empty(h.Show(first).Tasks);
        Assert.Empty(h.Show(second).Tasks);
        Assert.Single(h.Show(other).Tasks);
        h.Advance("4m");
        Assert.Equal(1, h.Show(first).Tasks.Count + h.Show(second).Tasks.Count);
    }

    [Fact]
    public void Partnership_EndedByItsEvaluation()
    {
        using var h = new WorkflowHarness(provider, new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var agreement = h.Agreement("SO-0022-VB-OV", new DateOnly(2023, 1, 1), "71000022", "VB-OV");
        var id = h.Start("strategisch-partnerschap", agreement);
        h.Advance("3y");
        var evaluation = Child(h, id, "SO-0022-VB-OV/evaluatie-3j");
        Assert.Null(Evaluate(h, evaluation.Id, "beeindigen", ("per", "2026-06-30")));
        Assert.Equal(("beeindigd", true), (h.Show(id).State, h.Show(id).Completed));
        using var db = h.Read();
        var record = db.Agreements.AsNoTracking().Include(a => a.Ceilings).Single(a => a.Reference == agreement);
        Assert.Equal((new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30)), (record.EndedOn, record.End));
        Assert.Null(record.CeilingFor(2027));
        Assert.Equal((EvaluationOutcome.End, new DateOnly(2026, 6, 30)), (h.EvaluationRecord(evaluation.SubjectKey).Outcome, h.EvaluationRecord(evaluation.SubjectKey).EffectiveOn));
    }

    [Fact]
    public void Partnership_EndedEarlyByBothAldermen_ThenTheCouncilsAreInformed()
    {
        using var h = new WorkflowHarness(provider, new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var agreement = h.Agreement("SO-0033-VB-OV", new DateOnly(2023, 1, 1), "71000022", "VB-OV");
        var id = h.Start("strategisch-partnerschap", agreement);
        var reference = agreement + "-BEEINDIGING";

        h.Refused(id, "tussentijds-beeindigen", "contractmanager", ("reden", "Kwaliteit blijft onder de norm"), ("per", "2024-06-30"));
        h.Fire(id, "tussentijds-beeindigen", "wethouder.zk", ("reden", "Kwaliteit blijft onder de norm"), ("per", "2024-06-30"));
        var proposed = h.DecisionRecord(reference);
        Assert.Equal((DecisionStatus.Proposed, 1, new DateOnly(2024, 6, 30)), (proposed.Status, proposed.Approvals.Count, proposed.EffectiveOn));
        Assert.Null(h.AgreementRecord(agreement).EndedOn);
        Assert.Equal("looptijd-1", h.Show(id).State);

        // Both aldermen decide on the same date, or not at all.
        var otherDate = h.Refused(id, "tussentijds-beeindigen", "wethouder.ijmond", ("reden", "Kwaliteit"), ("per", "2024-09-30"));
        Assert.Contains("dezelfde datum", otherDate.Reasons.Single());
        Assert.Single(h.DecisionRecord(reference).Approvals);
        h.Fire(id, "tussentijds-beeindigen", "wethouder.ijmond", ("reden", "Kwaliteit blijft onder de norm"), ("per", "2024-06-30"));
        var decided = h.DecisionRecord(reference);
        Assert.Equal((DecisionStatus.Decided, 2), (decided.Status, decided.Approvals.Count));
        var ended = h.AgreementRecord(agreement);
        Assert.Equal((new DateOnly(2024, 6, 30), new DateOnly(2024, 6, 30), reference), (ended.EndedOn, ended.End, ended.Amendments.Single().DecisionReference));
        Assert.Null(ended.CeilingFor(2025));
        var show = h.Show(id);
        Assert.Equal(("beeindiging-melden", false), (show.State, show.Completed));
        Assert.Contains("Raden informeren", Assert.Single(show.Tasks).Title);

        h.Advance("40d");
        Assert.Equal(reference, Assert.Single(h.Check("bestuur.raden-geinformeerd", new DateOnly(2024, 1, 1))).SubjectKey);
        h.Fire(id, "raden-geinformeerd", "contractmanager", ("datum", "2024-04-09"));
        Assert.Equal(new DateOnly(2024, 4, 9), h.DecisionRecord(reference).CouncilsInformedOn);
        Assert.Equal(("beeindigd", true), (h.Show(id).State, h.Show(id).Completed));
        Assert.Empty(h.Check("bestuur.raden-geinformeerd", new DateOnly(2024, 1, 1)));
        Assert.True(h.AuditChainIntact());
    }

    private static WorkflowInstance Child(WorkflowHarness h, long parent, string subject)
    {
        using var db = h.Open();
        return db.Set<WorkflowInstance>().AsNoTracking().Single(i => i.ParentId == parent && i.SubjectKey == subject);
    }

    /// <summary>Walks an evaluation to its end; returns the refusal when the core team's proposal is refused (the evaluation then waits there).</summary>
    private static RefusedException? Evaluate(WorkflowHarness h, long evaluation, string decision, params (string, string)[] proposal)
    {
        if (h.Show(evaluation).State == "cijfers-verzamelen")
        {
            h.Fire(evaluation, "cijfers-compleet", "contractmanager");
            h.Fire(evaluation, "toetsing-afgerond", "contractmanager");
            h.Fire(evaluation, "rapport-vastgesteld", "contractmanager");
            h.Fire(evaluation, "dialoog-gevoerd", "contractmanager", ("reactie-partner", "Akkoord met de bevindingen"));
        }
        try { h.Fire(evaluation, "voorstellen", "kernteam", [("besluit", decision), .. proposal]); }
        catch (RefusedException refused)
        {
            Assert.Equal("kernteamvoorstel", h.Show(evaluation).State);
            return refused;
        }
        h.Fire(evaluation, "besluiten", "wethouder.zk");
        h.Fire(evaluation, "besluiten", "wethouder.ijmond");
        h.Fire(evaluation, "raden-geinformeerd", "contractmanager");
        Assert.True(h.Show(evaluation).Completed);
        // The report is rendered twice: as a draft, and for the PHO with the partner's response and the proposal.
        var reports = h.DocumentsOf(evaluation).Where(d => d.TemplateId == "evaluatierapport").ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("nog niet gevoerd", reports[0].Html);
        Assert.Contains("Akkoord met de bevindingen", reports[1].Html);
        return null;
    }

    [Fact]
    public void JointDecision_IsADecisionOnRecord_WithItsApprovals_AndTheCouncilsMustBeInformed()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var joint = h.Start("bestuurlijk-besluit", "PHO-2026-02", data: new() { ["titel"] = "Indexatie plafonds", ["voorstel"] = "Plafonds met de OVA verhogen" });
        var proposed = h.DecisionRecord("PHO-2026-02");
        Assert.Equal((DecisionStatus.Proposed, "Indexatie plafonds", "Plafonds met de OVA verhogen"), (proposed.Status, proposed.Title, proposed.Proposal));
        h.Fire(joint, "indienen", "contractmanager");
        h.Fire(joint, "voorstellen", "kernteam");
        Assert.NotNull(h.DecisionRecord("PHO-2026-02").DiscussedAt);

        var ijInbox = h.Run(r => r.Inbox(r.RequireUser("wethouder.ijmond")));
        var task = Assert.Single(ijInbox);
        Assert.Equal("PHO-2026-02", task.Subject);
        // A task is for its role: the contract manager cannot complete the aldermen's task.
        Assert.Contains("niet de rol", Assert.Throws<RefusedException>(() => h.Run(r => r.CompleteTask(task.Id, "approve", r.RequireUser("contractmanager"), null, null))).Reasons.Single());
        var first = h.Run(r => r.CompleteTask(task.Id, "approve", r.RequireUser("wethouder.ijmond"), null, null));
        Assert.False(first.Transitioned);
        Assert.Contains("wacht op de wethouder van ZK", first.Message);
        var waiting = h.DecisionRecord("PHO-2026-02");
        Assert.Equal((DecisionStatus.Proposed, "IJM"), (waiting.Status, Assert.Single(waiting.Approvals).RegionCode));
        Assert.Empty(h.Run(r => r.Inbox(r.RequireUser("wethouder.ijmond"))));
        Assert.Single(h.Run(r => r.Inbox(r.RequireUser("wethouder.zk"))));
        Assert.Equal("pho", h.Show(joint).State);
        h.Run(r => r.CompleteTask(task.Id, "approve", r.RequireUser("wethouder.zk"), null, null));
        Assert.Equal("besloten", h.Show(joint).State);
        var decided = h.DecisionRecord("PHO-2026-02");
        Assert.Equal((DecisionStatus.Decided, 2, h.Now), (decided.Status, decided.Approvals.Count, decided.DecidedAt!.Value));
        // The PHO memo was rendered when the proposal reached the PHO, with the core team's step in its mandate chain;
        // this decision leaves the councils' position alone, so no council letter.
        var memo = Assert.Single(h.DocumentsOf(joint));
        Assert.Equal("besluitnota", memo.TemplateId);
        Assert.Contains("Kernteam legt voor aan het PHO", memo.Html);
        Assert.Contains("gezamenlijk besluit", memo.Html);

        var zkOnly = h.Start("bestuurlijk-besluit", "PHO-2026-03", data: new() { ["regios"] = "ZK", ["raadspositie"] = "true" });
        h.Fire(zkOnly, "indienen", "contractmanager");
        h.Fire(zkOnly, "voorstellen", "kernteam");
        Assert.Empty(h.Run(r => r.Inbox(r.RequireUser("wethouder.ijmond"))));
        var refused = h.Refused(zkOnly, "besluiten", "wethouder.ijmond");
        Assert.Contains("geen mandaat", refused.Reasons.Single());
        var zkTask = Assert.Single(h.Run(r => r.Inbox(r.RequireUser("wethouder.zk"))));
        Assert.Throws<InputException>(() => h.Run(r => r.CompleteTask(zkTask.Id, "send-back", r.RequireUser("wethouder.zk"), null, null)));
        h.Run(r => r.CompleteTask(zkTask.Id, "send-back", r.RequireUser("wethouder.zk"), "Eerst de financiële gevolgen per gemeente", null));
        Assert.Equal("kernteam", h.Show(zkOnly).State);
        h.Fire(zkOnly, "voorstellen", "kernteam");
        h.Fire(zkOnly, "besluiten", "wethouder.zk");
        Assert.Equal(DecisionStatus.Decided, h.DecisionRecord("PHO-2026-03").Status);
        var councils = h.Refused(zkOnly, "afronden-zonder-raden", "contractmanager");
        Assert.Contains("raadsinformatiebrief", councils.Reasons.Single());

        // A live decision that touches the councils, without a council letter after the norm (30 days), gives the finding.
        h.Advance("30d");
        Assert.Empty(h.Check("bestuur.raden-geinformeerd"));
        h.Advance("1d");
        var finding = Assert.Single(h.Check("bestuur.raden-geinformeerd"));
        Assert.Equal("PHO-2026-03", finding.SubjectKey);
        h.Fire(zkOnly, "raden-informeren", "contractmanager");
        Assert.Equal(WorkCalendar.DateOf(h.Now), h.DecisionRecord("PHO-2026-03").CouncilsInformedOn);
        Assert.Empty(h.Check("bestuur.raden-geinformeerd"));
        Assert.True(h.Show(zkOnly).Completed);
        var zkDocuments = h.DocumentsOf(zkOnly);
        Assert.Equal(["besluitnota", "besluitnota", "raadsinformatiebrief"], zkDocuments.Select(d => d.TemplateId));
        Assert.Contains("Eerst de financiële gevolgen per gemeente", zkDocuments[1].Html);
        // The letter names the approval: the alderman's decision was the transition itself.
        Assert.Contains("Wethouder Zuid-Kennemerland (Zuid-Kennemerland, ", zkDocuments[2].Html);
    }

    [Fact]
    public void ContinuityEscalation_InformsTheOtherPurchasingRegions_FromTheDayTheSignalStands()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        h.Agreement("SO-0011-AMB-OV", new DateOnly(2023, 1, 1)); // a joint agreement: both regions buy from the provider
        h.AppointAccountHolder("71000011", "ZK");
        var id = h.Start("continuiteitsrisico", "71000011/2026-01");
        var task = Assert.Single(h.Show(id).Tasks, t => t.Title.Contains("andere regio", StringComparison.Ordinal));
        Assert.Equal(h.Runtimes.Calendar.Add(h.Now, new Duration(14, DurationUnit.Day)), task.DueAt);
        // The account holder is never informed by itself; the other region is the one to pick.
        var self = h.Refused(id, "regio-geinformeerd", "contractmanager", ("regio", "ZK"));
        Assert.Contains("IJM IJmond", self.Reasons.Single());
        // The controller looks on; he fires no step.
        Assert.Contains("niet de rol", h.Refused(id, "agenderen", "controller").Reasons.Single());

        // The term runs from the signal, whatever the steering group does.
        h.Advance("15d");
        var late = Assert.Single(h.Check("bestuur.regios-geinformeerd", new DateOnly(2026, 1, 1)));
        Assert.Contains("nog niet: IJM", late.Explanation);
        h.Fire(id, "regio-geinformeerd", "contractmanager", ("regio", "IJM"));
        using (var db = h.Read())
        {
            var notice = Assert.Single(db.SignalNotices.AsNoTracking());
            Assert.Equal(("IJM", WorkCalendar.DateOf(h.Now), id), (notice.RegionCode, notice.InformedOn, notice.EscalationId));
        }
        Assert.Contains("al geïnformeerd", h.Refused(id, "regio-geinformeerd", "contractmanager", ("regio", "IJM")).Reasons.Single());
        Assert.Contains("pas op", Assert.Single(h.Check("bestuur.regios-geinformeerd", new DateOnly(2026, 1, 1))).Explanation);
        Assert.DoesNotContain(h.Show(id).Tasks, t => t.Title.Contains("andere regio", StringComparison.Ordinal));

        h.Fire(id, "agenderen", "contractmanager");
        h.Fire(id, "naar-werkgroep", "contractmanager");
        h.Fire(id, "naar-stuurgroep", "ambtenaar");
        // The steering group's measures are a joint decision: the first alderman puts them on record, the other approves the same.
        Assert.Contains("Noem de maatregelen", h.Refused(id, "stuurgroep-besluit", "wethouder.zk").Reasons.Single());
        const string measures = "Maandelijkse liquiditeitsprognose; geen nieuwe plaatsingen in de residentiële groepen tot het herstelplan er ligt.";
        h.Fire(id, "stuurgroep-besluit", "wethouder.zk", ("maatregelen", measures));
        var steering = h.DecisionRecord($"71000011/stuurgroep-{id}");
        Assert.Equal((DecisionStatus.Proposed, measures, 1), (steering.Status, steering.Proposal, steering.Approvals.Count));
        Assert.Contains("andere maatregelen", h.Refused(id, "stuurgroep-besluit", "wethouder.ijmond", ("maatregelen", "Niets doen")).Reasons.Single());
        h.Fire(id, "stuurgroep-besluit", "wethouder.ijmond");
        Assert.Equal("maatregelen", h.Show(id).State);
        var decided = h.DecisionRecord($"71000011/stuurgroep-{id}");
        Assert.Equal((DecisionStatus.Decided, "IJM,ZK"), (decided.Status, string.Join(',', decided.Approvals.Select(a => a.RegionCode).Order())));
        // The signal went out when it stood, and again with the measures once the steering group decided.
        var signals = h.DocumentsOf(id);
        Assert.Equal(["continuiteitssignaal", "continuiteitssignaal"], signals.Select(d => d.TemplateId));
        Assert.Contains("Kennemer Jeugd &amp; GGZ", signals[0].Html);
        Assert.Contains("De bestuurlijke stuurgroep bepaalt de maatregelen", signals[0].Html);
        Assert.Contains("Maatregelen: Maandelijkse liquiditeitsprognose", signals[1].Html);
        h.Fire(id, "maatregelen-afgerond", "contractmanager");
        Assert.Equal(("gesloten", true), (h.Show(id).State, h.Show(id).Completed));
    }

    [Fact]
    public void RepeatedCommand_WithSameKey_ChangesNothing()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("dialooggerichte-aanbesteding", h.Tender("T-IDEM"));
        var parameters = new Dictionary<string, string> { ["gemeente"] = "0392" };
        var first = h.Run(r => r.Fire(id, "kader-vastgesteld", r.RequireUser("contractmanager"), parameters, "raad-haarlem"));
        var again = h.Run(r => r.Fire(id, "kader-vastgesteld", r.RequireUser("contractmanager"), parameters, "raad-haarlem"));
        Assert.False(first.Repeated);
        Assert.True(again.Repeated);
        Assert.Single(h.TenderRecord("T-IDEM").Adoptions);
    }

    [Fact]
    public void CrashDuringTransition_LeavesTheInstanceBefore()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("bestuurlijk-besluit", "PHO-CRASH");
        var before = h.Show(id);
        Assert.Throws<IOException>(() => h.Run(r => r.Fire(id, "indienen", r.RequireUser("contractmanager")), new CrashOnTransitionAudit()));
        var after = h.Show(id);
        Assert.Equal(("voorstel", before.History.Count), (after.State, after.History.Count));
        Assert.Empty(after.Tasks);
        h.Fire(id, "indienen", "contractmanager");
        Assert.Equal("kernteam", h.Show(id).State);
        Assert.Single(h.Show(id).Tasks);
    }

    [Fact]
    public void TwoUsersFiringAtOnce_OneWins_TheOtherIsToldClearly()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("bestuurlijk-besluit", "PHO-RACE");
        using var gate = new Barrier(2);
        var outcomes = new Exception?[2];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            try
            {
                h.Run(r =>
                {
                    var user = r.RequireUser("contractmanager");
                    gate.SignalAndWait();
                    return r.Fire(id, "indienen", user);
                });
            }
            catch (Exception ex) { outcomes[i] = ex; }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Single(outcomes, o => o is null);
        var loser = Assert.Single(outcomes, o => o is not null)!;
        Assert.True(loser is RefusedException or DbUpdateConcurrencyException or DbUpdateException, loser.ToString());
        Assert.Equal("kernteam", h.Show(id).State);
        Assert.Single(h.Show(id).Tasks);
    }

    private sealed class CrashOnTransitionAudit : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == "workflow.transitie"))
                throw new IOException("Proces afgebroken midden in de transitie");
            return result;
        }
    }
}

public sealed class SqliteWorkflowScenarioTests() : WorkflowScenarioTests("sqlite");

[Trait("Category", "Postgres")]
public sealed class PostgresWorkflowScenarioTests() : WorkflowScenarioTests("postgres");
