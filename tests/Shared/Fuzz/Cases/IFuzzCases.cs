namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>Makes fuzz cases of one kind, every choice drawn from the run's <see cref="FuzzRandom"/>.</summary>
internal interface IFuzzCases
{
    FuzzCase Next(FuzzRandom random);
}
