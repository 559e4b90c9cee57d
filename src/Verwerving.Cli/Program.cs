using System.Globalization;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
Console.OutputEncoding = System.Text.Encoding.UTF8;
return Verwerving.Cli.Cli.Run(args, Console.Out, Console.Error);
